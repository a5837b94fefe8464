import { Provider } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { makeFigureProvider, METRICS } from '@alur/metrics';
import { ApprovalStageRepository } from './approval-stage.repository';

const byRole = (rows: Array<{ role: string; count: number }>) => rows.map((row) => ({ labels: { role: row.role }, value: row.count }));

/** Open stages and those past their due date, per role: the figures behind the "overdue piling up" alert. */
export const APPROVAL_STAGE_FIGURES: Provider[] = [
  makeFigureProvider({
    name: METRICS.approvalStagesOpen,
    help: 'Approval stages waiting for a decision, by role',
    labelNames: ['role'],
    inject: [ApprovalStageRepository, Transactions],
    read: async (stages: ApprovalStageRepository, transactions: Transactions) => byRole(await stages.openByRole(transactions.manager)),
  }),
  makeFigureProvider({
    name: METRICS.approvalStagesOverdue,
    help: 'Open approval stages past their due date, by role',
    labelNames: ['role'],
    inject: [ApprovalStageRepository, Transactions],
    read: async (stages: ApprovalStageRepository, transactions: Transactions) => byRole(await stages.overdueByRole(transactions.manager)),
  }),
];
