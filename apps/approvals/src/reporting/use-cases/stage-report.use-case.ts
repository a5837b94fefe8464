import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, REGENCY_OVERVIEW_ROLES, ReportApprovalStages, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { medianMinutes } from '../domain/median-minutes';
import { StageReportRepository } from '../stage-report.repository';

/** The order of the roles in a chain, so the report reads as the chain does. */
const CHAIN_ORDER = ['LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI'];

/** The approval chain of the caller's kabupaten in figures, for regency officials' dashboard. Read-only. */
@Injectable()
export class StageReportUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly report: StageReportRepository,
  ) {}

  async execute(actor: Actor, now = new Date()): Promise<AnswerOf<typeof ReportApprovalStages>> {
    requireRole(actor, ...REGENCY_OVERVIEW_ROLES);
    const regency = actor.regionCode;
    const db = this.transactions.manager;
    const open = await this.report.openByRole(db, regency, now);
    const decided = await this.report.decisionTimes(db, regency);
    const byDistrict = await this.report.overdueByDistrict(db, regency, now);

    const roles = [...new Set([...CHAIN_ORDER, ...open.map((r) => r.role), ...decided.map((r) => r.role)])];
    return {
      perStage: roles.map((role) => {
        const waiting = open.find((r) => r.role === role);
        const durations = decided.filter((r) => r.role === role).map((r) => r.ms);
        return {
          role,
          open: waiting?.open ?? 0,
          overdue: waiting?.overdue ?? 0,
          decided: durations.length,
          medianMinutes: medianMinutes(durations),
        };
      }),
      overdueByDistrict: byDistrict,
    };
  }
}
