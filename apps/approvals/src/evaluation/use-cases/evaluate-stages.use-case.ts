import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, EvaluateStages, EvaluationStages, NotFoundError, RequestOf, StageFigures } from '@alur/contracts';
import { requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { WorkingCalendar } from '../../working-days/working-calendar.service';
import { nearestRank } from '../domain/nearest-rank';

interface StageRow {
  role: string;
  stage_order: number;
  village_code: string;
  status: string;
  opened_at: Date;
  due_at: Date;
  decided_at: Date | null;
  escalated: boolean;
}

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * The pilot evaluation, approvals side: for a programme's year in the caller's kabupaten, how long
 * each stage of the chain took in working days (median and p90), and how many stages went past their
 * deadline or were escalated, pilot against the rest. Stages of withdrawn submissions (CANCELLED) are
 * left out. The durations are counted on the calendar that sets the deadlines (TIMEZONE, weekends, the
 * holiday table), which only this service keeps.
 */
@Injectable()
export class EvaluateStagesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly calendar: WorkingCalendar,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof EvaluateStages>, now = new Date()): Promise<AnswerOf<typeof EvaluateStages>> {
    requireRole(actor, 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN');
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    // Another replica may have added a holiday since this one last read the table.
    await this.calendar.refresh();
    const clock = this.calendar.clock;
    const rows = (await this.dataSource.query(
      `SELECT s.role, s.stage_order, s.village_code, s.status, s.opened_at, s.due_at, s.decided_at,
              EXISTS (SELECT 1 FROM audit_record a
                       WHERE a.entity_type = 'approval-stage' AND a.entity_id = s.id::text AND a.action = 'approval-stage.escalated') AS escalated
         FROM approval_stage s
        WHERE s.program_code = $1 AND s.village_code LIKE $2 || '.%' AND s.status <> 'CANCELLED'`,
      [request.programCode, regencyCode],
    )) as StageRow[];

    // Every group lists the same roles, in the chain's order, so that the groups line up in a table.
    const order = new Map<string, number>();
    for (const row of rows) order.set(row.role, Math.min(order.get(row.role) ?? Infinity, row.stage_order));
    const roles = [...order.keys()].sort((a, b) => order.get(a)! - order.get(b)! || a.localeCompare(b));
    const inPilot = (code: string) => request.pilotRegionCodes.some((p) => this.regions.covers(p, code));
    const isOverdue = (row: StageRow) => (row.decided_at ?? (row.status === 'OPEN' ? now : row.due_at)).getTime() > row.due_at.getTime();

    const groups = (['PILOT', 'OTHERS'] as const).map((group): EvaluationStages => {
      const members = rows.filter((row) => inPilot(row.village_code) === (group === 'PILOT'));
      const stages = roles.map((role): StageFigures => {
        const ofRole = members.filter((row) => row.role === role);
        const durations = ofRole.filter((row) => row.decided_at).map((row) => clock.workingDaysBetween(row.opened_at, row.decided_at!));
        return {
          role,
          decided: durations.length,
          medianWorkingDays: oneDecimal(nearestRank(durations, 50)),
          p90WorkingDays: oneDecimal(nearestRank(durations, 90)),
          overdue: ofRole.filter(isOverdue).length,
          escalated: ofRole.filter((row) => row.escalated).length,
        };
      });
      return {
        group,
        stages,
        overdueStages: members.filter(isOverdue).length,
        escalatedStages: members.filter((row) => row.escalated).length,
      };
    });
    return { groups };
  }
}
