import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, ForbiddenError, InvalidInputError } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { ProgrammeCatalogue } from '../../programmes/programme-catalogue.service';
import { computeBudget } from '../domain/budget';
import { budgetLinesOf, replaceBudgetLines } from '../proposal-budget.store';
import { CreateProposalCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalEntity } from '../proposal.entity';
import { proposalView, ProposalView } from '../proposal.view';
import { requireRole } from '@alur/messaging';

/** A BKM starts a draft proposal for its village under the latest published version of a programme. */
@Injectable()
export class CreateProposalUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
    private readonly programmes: ProgrammeCatalogue,
    private readonly history: ProposalHistory,
  ) {}

  async execute(actor: Actor, command: CreateProposalCommand): Promise<ProposalView> {
    requireRole(actor, 'BKM');
    const village = this.regions.get(command.villageCode);
    if (village?.level !== 'village') {
      throw new InvalidInputError([{ field: 'villageCode', reason: 'is not a known kelurahan or desa code' }]);
    }
    if (!this.regions.covers(actor.regionCode, village.code)) {
      throw new ForbiddenError('A BKM writes proposals only for its own village');
    }
    const programme = await this.programmes.latestPublished(command.programCode);
    if (!programme) throw new InvalidInputError([{ field: 'programCode', reason: 'has no published programme of this code' }]);
    const budget = computeBudget(command.budgetItems ?? [], command.selfHelpAmount ?? 0);
    if (!budget.ok) throw new InvalidInputError(budget.errors);
    const { figures } = budget;

    return this.dataSource.transaction(async (tx) => {
      const now = new Date();
      const proposal = tx.create(ProposalEntity, {
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
      });
      await tx.insert(ProposalEntity, proposal);
      await replaceBudgetLines(tx, proposal.id, figures.lines);
      const view = proposalView(proposal, await budgetLinesOf(tx, proposal.id));
      await this.history.record(tx, { actor, action: 'proposal.created', proposalId: proposal.id, toStatus: 'DRAFT', after: view });
      return view;
    });
  }
}
