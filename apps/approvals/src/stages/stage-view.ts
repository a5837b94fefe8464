import type { Actor, ApprovalStageRef } from '@alur/contracts';
import { ApprovalStageEntity, StageStatus, stageRefOf } from './approval-stage.entity';

/** A stage as the API shows it. */
export interface StageView extends ApprovalStageRef {
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
    ...stageRefOf(stage),
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
