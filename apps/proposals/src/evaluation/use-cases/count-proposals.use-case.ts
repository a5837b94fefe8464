import { Injectable } from '@nestjs/common';
import { Actor, AnswerOf, CountProposals, NotFoundError, REGENCY_OVERVIEW_ROLES, RequestOf, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { ProgrammeRepository } from '../../programmes/programme.repository';
import { ProposalRepository } from '../../proposals/proposal.repository';
import { countProposals } from '../domain/proposal-counts';

/**
 * The pilot evaluation, proposals side: for a programme's year in the caller's kabupaten, how many
 * proposals were submitted, approved, returned (at least once) and rejected, pilot against the rest.
 */
@Injectable()
export class CountProposalsUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly programmes: ProgrammeRepository,
    private readonly proposals: ProposalRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor, request: RequestOf<typeof CountProposals>): Promise<AnswerOf<typeof CountProposals>> {
    requireRole(actor, ...REGENCY_OVERVIEW_ROLES);
    const db = this.transactions.manager;
    const eligible = await this.programmes.publishedEligibility(db, request.programCode, request.fiscalYear);
    if (!eligible)
      throw new NotFoundError(`Programme ${request.programCode} has no published version for fiscal year ${request.fiscalYear}`);
    const pilot = request.pilotRegionCodes ?? (eligible.scope === 'LIST' ? eligible.regionCodes : []);
    const outcomes = await this.proposals.submittedInRegency(
      db,
      request.programCode,
      this.regions.regencyOf(actor.regionCode)?.code ?? actor.regionCode,
    );
    const groups = countProposals(outcomes, (villageCode) => pilot.some((code) => this.regions.covers(code, villageCode)));
    return { pilotRegionCodes: pilot, groups };
  }
}
