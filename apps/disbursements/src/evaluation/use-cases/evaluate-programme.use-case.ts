import { Injectable } from '@nestjs/common';
import {
  Actor,
  EvaluateProgrammeFunds,
  EvaluationGroup,
  NotFoundError,
  ProgrammeEvaluation,
  REGENCY_OVERVIEW_ROLES,
  RequestOf,
  requireRole,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { BudgetCeilingRepository } from '../../budgets/budget-ceiling.repository';
import { FiscalCalendar } from '../../fiscal-calendar/fiscal-calendar.service';
import { ProgrammeVersionRepository } from '../../programmes/programme-version.repository';
import { ReportingRepository } from '../../reporting/reporting.repository';

const basisPoints = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 10_000) / whole));

/**
 * The pilot evaluation, money side: for a programme and year in the caller's kabupaten, the pilot
 * regions against the others — what was funded, absorbed (released ÷ committed ÷ ceiling), built
 * (verified progress) and completed on time.
 */
@Injectable()
export class EvaluateProgrammeUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly programmes: ProgrammeVersionRepository,
    private readonly ceilings: BudgetCeilingRepository,
    private readonly reporting: ReportingRepository,
    private readonly regions: RegionDirectory,
    private readonly calendar: FiscalCalendar,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof EvaluateProgrammeFunds>): Promise<ProgrammeEvaluation> {
    requireRole(actor, ...REGENCY_OVERVIEW_ROLES);
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    const manager = this.transactions.manager;
    const eligible = await this.programmes.latestEligibleRegions(manager, request.programCode, request.fiscalYear);
    if (!eligible) throw new NotFoundError(`Programme ${request.programCode} has no version for fiscal year ${request.fiscalYear}`);
    const pilot = request.pilotRegionCodes ?? (eligible.scope === 'LIST' ? eligible.regionCodes : []);
    const inPilot = (code: string) => pilot.some((p) => this.regions.covers(p, code));

    const closing = await this.calendar.closingOf(manager, regencyCode, request.fiscalYear);
    const disbursements = await this.reporting.outcomes(manager, request.programCode, request.fiscalYear, regencyCode);
    const ceilings = await this.ceilings.amountsInRegency(manager, request.programCode, request.fiscalYear, regencyCode);

    const groups = (['PILOT', 'OTHERS'] as const).map((group): EvaluationGroup => {
      const member = (code: string) => inPilot(code) === (group === 'PILOT');
      const rows = disbursements.filter((d) => member(d.villageCode));
      const funded = rows.filter((d) => d.committedAt !== null);
      const committed = funded.reduce((sum, d) => sum + d.amount, 0);
      const released = funded.reduce((sum, d) => sum + d.released, 0);
      const ceiling = ceilings.filter((c) => member(c.regionCode)).reduce((sum, c) => sum + c.amount, 0);
      const completed = funded.filter((d) => d.status === 'COMPLETED');
      const progressSum = funded.reduce((sum, d) => sum + d.percent, 0);
      return {
        group,
        funded: funded.length,
        awaitingBudget: rows.filter((d) => d.status === 'AWAITING_BUDGET').length,
        ceiling,
        committed,
        released,
        releasedOfCommittedBp: basisPoints(released, committed),
        committedOfCeilingBp: basisPoints(committed, ceiling),
        averageProgressPercent: funded.length === 0 ? 0 : Math.round((progressSum * 10) / funded.length) / 10,
        completed: completed.length,
        completedOnTime: completed.filter((d) => d.completedAt! < closing.releasesCloseAt).length,
      };
    });
    return { programCode: request.programCode, fiscalYear: request.fiscalYear, pilotRegionCodes: pilot, groups };
  }
}
