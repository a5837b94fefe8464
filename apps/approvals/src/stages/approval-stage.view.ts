import type { ApprovalStageView } from '@alur/contracts';
import { ApprovalStage, stageRefOf } from './domain/approval-stage';

/** A stage as the API shows it (the contracts' ApprovalStageView). */
export type StageView = ApprovalStageView;

export function toStageView(stage: ApprovalStage, now = new Date()): StageView {
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
