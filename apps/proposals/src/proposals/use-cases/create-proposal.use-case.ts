import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Actor, ForbiddenError, InvalidInputError, requireRole, RefusalCode } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { ProgrammeRepository } from '../../programmes/programme.repository';
import { computeBudget } from '../domain/budget';
import { Proposal } from '../domain/proposal';
import { CreateProposalCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalRepository } from '../proposal.repository';
import { proposalView, ProposalView } from '../proposal.view';

/** A BKM starts a draft proposal for its village under the latest published version of a programme. */
@Injectable()
export class CreateProposalUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: ProposalRepository,
    private readonly programmes: ProgrammeRepository,
    private readonly regions: RegionDirectory,
    private readonly history: ProposalHistory,
  ) {}

  async execute(actor: Actor, command: CreateProposalCommand): Promise<ProposalView> {
    requireRole(actor, 'BKM');
    const village = this.regions.get(command.villageCode);
    if (village?.level !== 'village') {
      throw new InvalidInputError([
        { field: 'villageCode', reason: 'is not a known kelurahan or desa code', code: RefusalCode.UnknownRegion },
      ]);
    }
    if (!this.regions.covers(actor.regionCode, village.code)) {
      throw new ForbiddenError('A BKM writes proposals only for its own village');
    }
    // The programme is read in the proposal's transaction: a read of its own would cost a commit.
    return this.transactions.run(async (tx) => {
      const programme = await this.programmes.latestPublished(tx, command.programCode, { forKeyShare: true });
      if (!programme)
        throw new InvalidInputError([
          { field: 'programCode', reason: 'has no published programme of this code', code: RefusalCode.ProgrammeNotPublished },
        ]);
      const budget = computeBudget(command.budgetItems ?? [], command.selfHelpAmount ?? 0);
      if (!budget.ok) throw new InvalidInputError(budget.errors);
      const { figures } = budget;
      const now = new Date();
      const proposal: Proposal = {
        id: randomUUID(),
        programCode: programme.code,
        programVersion: programme.version,
        villageCode: village.code,
        districtCode: this.regions.districtOf(village.code)!.code,
        regencyCode: this.regions.regencyOf(village.code)!.code,
        title: command.title,
        category: command.category ?? null,
        description: command.description ?? null,
        executorGroup: command.executorGroup ?? null,
        documents: command.documents ?? [],
        payeeAccount: command.payeeAccount ?? null,
        households: command.beneficiaries?.households ?? null,
        poorHouseholds: command.beneficiaries?.poorHouseholds ?? null,
        budgetTotal: figures.budgetTotal,
        selfHelpAmount: figures.selfHelpAmount,
        requestedAmount: figures.requestedAmount,
        selfHelpShareBp: figures.selfHelpShareBp,
        status: 'DRAFT',
        version: 1,
        submissionNumber: 0,
        currentStage: null,
        bkmUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
        submittedAt: null,
      };
      const view = proposalView(proposal, figures.lines);
      // The proposal and its RAB ride on the audit record's round trip: one statement for the three. The
      // programme version they reference was locked as their foreign key's check locks it (latestPublished's
      // forKeyShare), before the audit chain's head, as ChangeRecorder asks of what rides on a record.
      await this.history.record(
        tx,
        { actor, action: 'proposal.created', proposalId: proposal.id, toStatus: 'DRAFT', after: view },
        this.proposals.inserting(tx, proposal, figures.lines),
      );
      return view;
    });
  }
}
