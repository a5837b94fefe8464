import type { ApprovalStageView } from '@alur/contracts';
import { ApprovalStageEntity, stageRefOf } from './approval-stage.entity';

/** A stage as the API shows it (the contracts' ApprovalStageView). */
export type StageView = ApprovalStageView;

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
