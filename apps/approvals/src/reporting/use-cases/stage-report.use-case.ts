import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, ReportApprovalStages } from '@alur/contracts';
import { medianDays } from '../domain/median-days';
import { requireRole } from '@alur/messaging';

/** The order of the roles in a chain, so the report reads as the chain does. */
const CHAIN_ORDER = ['LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI'];

/** The approval chain of the caller's kabupaten in figures, for regency officials' dashboard. Read-only. */
@Injectable()
export class StageReportUseCase {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute(actor: Actor, now = new Date()): Promise<AnswerOf<typeof ReportApprovalStages>> {
    requireRole(actor, 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN');
    const regency = actor.regionCode;
    const open = (await this.dataSource.query(
      `SELECT role, count(*)::int AS open, count(*) FILTER (WHERE due_at < $2)::int AS overdue
         FROM approval_stage WHERE status = 'OPEN' AND village_code LIKE $1 || '.%' GROUP BY role`,
      [regency, now],
    )) as Array<{ role: string; open: number; overdue: number }>;
    const decided = (await this.dataSource.query(
      `SELECT role, extract(epoch FROM decided_at - opened_at) * 1000 AS ms
         FROM approval_stage WHERE decided_at IS NOT NULL AND status <> 'CANCELLED' AND village_code LIKE $1 || '.%'`,
      [regency],
    )) as Array<{ role: string; ms: string }>;
    const byDistrict = (await this.dataSource.query(
      `SELECT substring(village_code FROM 1 FOR 8) AS "districtCode", count(*)::int AS overdue
         FROM approval_stage WHERE status = 'OPEN' AND due_at < $2 AND village_code LIKE $1 || '.%'
        GROUP BY 1 ORDER BY 1`,
      [regency, now],
    )) as Array<{ districtCode: string; overdue: number }>;

    const roles = [...new Set([...CHAIN_ORDER, ...open.map((r) => r.role), ...decided.map((r) => r.role)])];
    return {
      perStage: roles.map((role) => {
        const waiting = open.find((r) => r.role === role);
        const durations = decided.filter((r) => r.role === role).map((r) => Number(r.ms));
        return {
          role,
          open: waiting?.open ?? 0,
          overdue: waiting?.overdue ?? 0,
          decided: durations.length,
          medianDays: medianDays(durations),
        };
      }),
      overdueByDistrict: byDistrict,
    };
  }
}
