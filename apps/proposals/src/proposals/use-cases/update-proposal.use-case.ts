import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, ConflictError, InvalidInputError } from '@alur/contracts';
import { computeBudget } from '../domain/budget';
import { assertEditable } from '../domain/proposal-status';
import { ProposalAccess } from '../proposal-access.service';
import { asBudgetInput, budgetLinesOf, replaceBudgetLines } from '../proposal-budget.store';
import { UpdateProposalCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalEntity } from '../proposal.entity';
import { proposalView, ProposalView } from '../proposal.view';
import { requireRole } from '@alur/messaging';

/**
 * The BKM edits a draft or a returned proposal. The edit names the version it was made from: if
 * someone changed the proposal since, the edit is refused (409) rather than overwriting theirs.
 */
@Injectable()
export class UpdateProposalUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ProposalAccess,
    private readonly history: ProposalHistory,
  ) {}

  async execute(actor: Actor, command: UpdateProposalCommand): Promise<ProposalView> {
    return this.dataSource.transaction(async (tx) => {
      const proposal = await this.access.visible(tx, actor, command.id, { forUpdate: true });
      requireRole(actor, 'BKM');
      if (proposal.version !== command.version) {
        throw new ConflictError(`The proposal changed since version ${command.version} (it is now version ${proposal.version}): reload it`);
      }
      assertEditable(proposal.status);
      const items = await budgetLinesOf(tx, proposal.id);
      const before = proposalView(proposal, items);
      const budget = computeBudget(command.budgetItems ?? asBudgetInput(items), command.selfHelpAmount ?? proposal.selfHelpAmount);
      if (!budget.ok) throw new InvalidInputError(budget.errors);
      const { figures } = budget;

      const changes: Partial<ProposalEntity> = {
        ...(command.title !== undefined ? { title: command.title } : {}),
        ...(command.category !== undefined ? { category: command.category } : {}),
        ...(command.description !== undefined ? { description: command.description } : {}),
        ...(command.executorGroup !== undefined ? { executorGroup: command.executorGroup } : {}),
        ...(command.documents !== undefined ? { documents: command.documents } : {}),
        ...(command.beneficiaries !== undefined
          ? { households: command.beneficiaries?.households ?? null, poorHouseholds: command.beneficiaries?.poorHouseholds ?? null }
          : {}),
        budgetTotal: figures.budgetTotal,
        selfHelpAmount: figures.selfHelpAmount,
        requestedAmount: figures.requestedAmount,
        selfHelpShareBp: figures.selfHelpShareBp,
        version: proposal.version + 1,
        updatedAt: new Date(),
      };
      await tx.update(ProposalEntity, { id: proposal.id }, changes);
      if (command.budgetItems !== undefined) await replaceBudgetLines(tx, proposal.id, figures.lines);
      const updated = Object.assign(proposal, changes);
      const after = proposalView(updated, await budgetLinesOf(tx, proposal.id));
      await this.history.record(tx, { actor, action: 'proposal.updated', proposalId: proposal.id, before, after });
      return after;
    });
  }
}
