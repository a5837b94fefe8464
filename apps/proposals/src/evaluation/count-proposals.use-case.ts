import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AnswerOf, CountProposals, EligibleRegions, EvaluationCounts, NotFoundError, RequestOf } from '@alur/contracts';
import { requireRole } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';

/** Statuses a proposal reaches only once finally approved. */
const APPROVED = ['APPROVED', 'AWAITING_BUDGET', 'FUNDING', 'COMPLETED'];

/**
 * The pilot evaluation, proposals side: for a programme's year in the caller's kabupaten, how many
 * proposals were submitted, approved, returned (at least once) and rejected, pilot against the rest.
 */
@Injectable()
export class CountProposalsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof CountProposals>): Promise<AnswerOf<typeof CountProposals>> {
    requireRole(actor, 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN');
    const [programme] = (await this.dataSource.query(
      `SELECT eligible_regions FROM programme_version WHERE code = $1 AND fiscal_year = $2 AND status = 'PUBLISHED' ORDER BY version DESC LIMIT 1`,
      [request.programCode, request.fiscalYear],
    )) as Array<{ eligible_regions: EligibleRegions }>;
    if (!programme)
      throw new NotFoundError(`Programme ${request.programCode} has no published version for fiscal year ${request.fiscalYear}`);
    const eligible = programme.eligible_regions;
    const pilot = request.pilotRegionCodes ?? (eligible.scope === 'LIST' ? eligible.regionCodes : []);
    const rows = (await this.dataSource.query(
      `SELECT p.village_code, p.status,
              EXISTS (SELECT 1 FROM proposal_timeline_entry t WHERE t.proposal_id = p.id AND t.to_status = 'RETURNED') AS returned
         FROM proposal p
        WHERE p.program_code = $1 AND p.submission_number > 0 AND p.regency_code = $2`,
      [request.programCode, this.regions.regencyOf(actor.regionCode)?.code ?? actor.regionCode],
    )) as Array<{ village_code: string; status: string; returned: boolean }>;
    const inPilot = (code: string) => pilot.some((p) => this.regions.covers(p, code));
    const groups = (['PILOT', 'OTHERS'] as const).map((group): EvaluationCounts => {
      const members = rows.filter((row) => inPilot(row.village_code) === (group === 'PILOT'));
      return {
        group,
        submitted: members.length,
        approved: members.filter((row) => APPROVED.includes(row.status)).length,
        returned: members.filter((row) => row.returned).length,
        rejected: members.filter((row) => row.status === 'REJECTED').length,
      };
    });
    return { pilotRegionCodes: pilot, groups };
  }
}
