import { Injectable } from '@nestjs/common';
import {
  Actor,
  AnswerOf,
  EvaluateStages,
  EvaluationStages,
  NotFoundError,
  REGENCY_OVERVIEW_ROLES,
  RequestOf,
  requireRole,
  StageFigures,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { WorkingCalendar } from '../../working-days/working-calendar.service';
import { nearestRank } from '../domain/nearest-rank';
import { EvaluatedStage, StageEvaluationRepository } from '../stage-evaluation.repository';

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
    private readonly transactions: Transactions,
    private readonly evaluation: StageEvaluationRepository,
    private readonly regions: RegionDirectory,
    private readonly calendar: WorkingCalendar,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof EvaluateStages>, now = new Date()): Promise<AnswerOf<typeof EvaluateStages>> {
    requireRole(actor, ...REGENCY_OVERVIEW_ROLES);
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    // Another replica may have added a holiday since this one last read the table.
    await this.calendar.refresh();
    const clock = this.calendar.clock;
    const rows = await this.evaluation.stagesOf(this.transactions.manager, request.programCode, regencyCode);

    // Every group lists the same roles, in the chain's order, so that the groups line up in a table.
    const order = new Map<string, number>();
    for (const row of rows) order.set(row.role, Math.min(order.get(row.role) ?? Infinity, row.stageOrder));
    const roles = [...order.keys()].sort((a, b) => order.get(a)! - order.get(b)! || a.localeCompare(b));
    const inPilot = (code: string) => request.pilotRegionCodes.some((p) => this.regions.covers(p, code));
    const isOverdue = (row: EvaluatedStage) => (row.decidedAt ?? (row.status === 'OPEN' ? now : row.dueAt)).getTime() > row.dueAt.getTime();

    const groups = (['PILOT', 'OTHERS'] as const).map((group): EvaluationStages => {
      const members = rows.filter((row) => inPilot(row.villageCode) === (group === 'PILOT'));
      const stages = roles.map((role): StageFigures => {
        const ofRole = members.filter((row) => row.role === role);
        const durations = ofRole.flatMap((row) => (row.decidedAt ? [clock.workingDaysBetween(row.openedAt, row.decidedAt)] : []));
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
