import type { Actor, ApprovalStageRef, Role, StageStatus } from '@alur/contracts';

export type RegionScopeLevel = ApprovalStageRef['regionLevel'];

/** One step of a chain, waiting for (or decided by) the official of `role` over `regionCode`. */
export interface ApprovalStage {
  id: string;
  proposalId: string;
  submissionNumber: number;
  stageOrder: number;
  stageCount: number;
  role: Role;
  regionLevel: RegionScopeLevel;
  regionCode: string;
  villageCode: string;
  programCode: string;
  title: string;
  status: StageStatus;
  openedAt: Date;
  dueAt: Date;
  decidedAt: Date | null;
  /** Who decided, with `actingFor` when a Plt/Plh decided in the official's place. */
  decidedBy: Actor | null;
  note: string | null;
  version: number;
}

/** A decided stage, as the rule that nobody decides two stages of one submission reads it. */
export interface StageDecisionRecord {
  stageOrder: number;
  role: Role;
  decidedBy: Actor;
}

/** What every approval event says about a stage. */
export function stageRefOf(stage: ApprovalStage): ApprovalStageRef {
  return {
    stageId: stage.id,
    proposalId: stage.proposalId,
    submissionNumber: stage.submissionNumber,
    stageOrder: stage.stageOrder,
    stageCount: stage.stageCount,
    role: stage.role,
    regionLevel: stage.regionLevel,
    regionCode: stage.regionCode,
    villageCode: stage.villageCode,
    programCode: stage.programCode,
    title: stage.title,
  };
}
