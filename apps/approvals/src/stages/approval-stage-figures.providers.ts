import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { makeFigureProvider, METRICS } from '@alur/metrics';

/** Open stages and those past their due date, per role: the figures behind the "overdue piling up" alert. */
export const APPROVAL_STAGE_FIGURES: Provider[] = [
  makeFigureProvider({
    name: METRICS.approvalStagesOpen,
    help: 'Approval stages waiting for a decision, by role',
    labelNames: ['role'],
    inject: [DataSource],
    read: async (db: DataSource) => {
      const rows: Array<{ role: string; n: number }> = await db.query(
        "SELECT role, count(*)::int AS n FROM approval_stage WHERE status = 'OPEN' GROUP BY role",
      );
      return rows.map((row) => ({ labels: { role: row.role }, value: row.n }));
    },
  }),
  makeFigureProvider({
    name: METRICS.approvalStagesOverdue,
    help: 'Open approval stages past their due date, by role',
    labelNames: ['role'],
    inject: [DataSource],
    read: async (db: DataSource) => {
      const rows: Array<{ role: string; n: number }> = await db.query(
        "SELECT role, count(*)::int AS n FROM approval_stage WHERE status = 'OPEN' AND due_at < now() GROUP BY role",
      );
      return rows.map((row) => ({ labels: { role: row.role }, value: row.n }));
    },
  }),
];
