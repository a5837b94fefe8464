import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, EligibleRegions, EvaluateProgrammeFunds, EvaluationGroup, NotFoundError, ProgrammeEvaluation, RequestOf } from '@alur/contracts';
import { rupiahOf } from '@alur/database';
import { requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { FiscalCalendar } from '../fiscal-calendar/fiscal-calendar.service';

const basisPoints = (part: number, whole: number) => (whole === 0 ? 0 : Math.floor((part * 10_000) / whole));

/**
 * The pilot evaluation, money side: for a programme and year in the caller's kabupaten, the pilot
 * regions against the others — what was funded, absorbed (released ÷ committed ÷ ceiling), built
 * (verified progress) and completed on time.
 */
@Injectable()
export class EvaluateProgrammeUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly calendar: FiscalCalendar,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof EvaluateProgrammeFunds>): Promise<ProgrammeEvaluation> {
    requireRole(actor, 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN');
    const regencyCode = this.regions.regencyOf(actor.regionCode)?.code;
    if (!regencyCode) throw new NotFoundError(`${actor.regionCode} is not in a kabupaten`);
    const manager = this.dataSource.manager;
    const [programme] = (await manager.query(
      'SELECT definition FROM programme_version WHERE code = $1 AND fiscal_year = $2 ORDER BY version DESC LIMIT 1',
      [request.programCode, request.fiscalYear],
    )) as Array<{ definition: { eligibleRegions: EligibleRegions } }>;
    if (!programme) throw new NotFoundError(`Programme ${request.programCode} has no version for fiscal year ${request.fiscalYear}`);
    const eligible = programme.definition.eligibleRegions;
    const pilot = request.pilotRegionCodes ?? (eligible.scope === 'LIST' ? eligible.regionCodes : []);
    const inPilot = (code: string) => pilot.some((p) => this.regions.covers(p, code));

    const closing = await this.calendar.closingOf(manager, regencyCode, request.fiscalYear);
    const disbursements = (await manager.query(
      `SELECT d.village_code, d.status, d.amount, d.released, d.committed_at, d.completed_at, coalesce(p.percent, 0) AS percent
         FROM disbursement d
         LEFT JOIN (SELECT disbursement_id, max(physical_progress_percent) AS percent FROM progress_report
                     WHERE verification_status = 'ACCEPTED' GROUP BY disbursement_id) p ON p.disbursement_id = d.id
        WHERE d.program_code = $1 AND d.fiscal_year = $2 AND d.regency_code = $3 AND d.status <> 'WITHDRAWN'`,
      [request.programCode, request.fiscalYear, regencyCode],
    )) as Array<{ village_code: string; status: string; amount: string; released: string; committed_at: Date | null; completed_at: Date | null; percent: number }>;
    const ceilings = (await manager.query('SELECT region_code, amount FROM budget_ceiling WHERE program_code = $1 AND fiscal_year = $2 AND regency_code = $3', [
      request.programCode,
      request.fiscalYear,
      regencyCode,
    ])) as Array<{ region_code: string; amount: string }>;

    const groups = (['PILOT', 'OTHERS'] as const).map((group): EvaluationGroup => {
      const member = (code: string) => inPilot(code) === (group === 'PILOT');
      const rows = disbursements.filter((d) => member(d.village_code));
      const funded = rows.filter((d) => d.committed_at !== null);
      const committed = funded.reduce((sum, d) => sum + rupiahOf(d.amount), 0);
      const released = funded.reduce((sum, d) => sum + rupiahOf(d.released), 0);
      const ceiling = ceilings.filter((c) => member(c.region_code)).reduce((sum, c) => sum + rupiahOf(c.amount), 0);
      const completed = funded.filter((d) => d.status === 'COMPLETED');
      const progressSum = funded.reduce((sum, d) => sum + Number(d.percent), 0);
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
        completedOnTime: completed.filter((d) => d.completed_at! < closing.releasesCloseAt).length,
      };
    });
    return { programCode: request.programCode, fiscalYear: request.fiscalYear, pilotRegionCodes: pilot, groups };
  }
}
