import type { ProposalStage } from '@alur/contracts';

/** The stage a proposal waits at now: the open one of its latest submission. */
export function openStageOf<S extends Pick<ProposalStage, 'status'>>(stages: S[]): S | undefined {
  return stages.find((s) => s.status === 'OPEN');
}
