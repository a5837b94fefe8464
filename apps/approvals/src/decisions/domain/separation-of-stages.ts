import { Actor, peopleBehind } from '@alur/contracts';

export interface DecidedStage {
  stageOrder: number;
  role: string;
  decidedBy: Actor;
}

/**
 * The stage of the same submission that the actor already decided, in person or as a Plt/Plh (or that
 * was decided in the name of the official the actor now acts for), if any: nobody decides two stages
 * of one submission, so that each stage is a second pair of eyes on the one before it.
 */
export function stageAlreadyDecidedBy(actor: Actor, decided: readonly DecidedStage[]): DecidedStage | undefined {
  const mine = new Set(peopleBehind(actor));
  return decided.find((stage) => peopleBehind(stage.decidedBy).some((id) => mine.has(id)));
}
