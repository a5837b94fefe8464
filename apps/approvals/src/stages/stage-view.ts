import type { Actor } from '@alur/contracts';
import { ApprovalStageEntity, StageStatus } from './approval-stage.entity';

/** A stage as the API shows it. */
export interface StageView {
  stageId: string;
  proposalId: string;
  submissionNumber: number;
  stageOrder: number;
  stageCount: number;
  role: string;
  regionLevel: string;
  regionCode: string;
  villageCode: string;
  programCode: string;
  title: string;
  status: StageStatus;
  openedAt: string;
  dueAt: string;
  /** Still open past its deadline, or decided after it. */
  overdue: boolean;
  decidedAt: string | null;
  decidedBy: Actor | null;
  note: string | null;
  version: number;
}

export function toStageView(stage: ApprovalStageEntity, now = new Date()): StageView {
  const endedAt = stage.decidedAt ?? now;
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
    status: stage.status,
    openedAt: stage.openedAt.toISOString(),
    dueAt: stage.dueAt.toISOString(),
    overdue: endedAt.getTime() > stage.dueAt.getTime(),
    decidedAt: stage.decidedAt?.toISOString() ?? null,
    decidedBy: stage.decidedBy,
    note: stage.note,
    version: stage.version,
  };
}
