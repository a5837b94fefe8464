import { Injectable } from '@nestjs/common';
import { Actor, ConflictError, InvalidInputError, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { budgetInputOf, computeBudget } from '../domain/budget';
import { ProposalChanges } from '../domain/proposal';
import { assertEditable } from '../domain/proposal-status';
import { ProposalAccess } from '../proposal-access.service';
import { UpdateProposalCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalRepository } from '../proposal.repository';
import { proposalView, ProposalView } from '../proposal.view';

/**
 * The BKM edits a draft or a returned proposal. The edit names the version it was made from: if
 * someone changed the proposal since, the edit is refused (409) rather than overwriting theirs.
 */
@Injectable()
export class UpdateProposalUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: ProposalRepository,
    private readonly access: ProposalAccess,
    private readonly history: ProposalHistory,
  ) {}

  async execute(actor: Actor, command: UpdateProposalCommand): Promise<ProposalView> {
    return this.transactions.run(async (tx) => {
      const proposal = await this.access.visible(tx, actor, command.id, { forUpdate: true });
      requireRole(actor, 'BKM');
      if (proposal.version !== command.version) {
        throw new ConflictError(`The proposal changed since version ${command.version} (it is now version ${proposal.version}): reload it`);
      }
      assertEditable(proposal.status);
      const lines = await this.proposals.budgetLines(tx, proposal.id);
      const before = proposalView(proposal, lines);
      const budget = computeBudget(command.budgetItems ?? budgetInputOf(lines), command.selfHelpAmount ?? proposal.selfHelpAmount);
      if (!budget.ok) throw new InvalidInputError(budget.errors);
      const { figures } = budget;

      const changes: ProposalChanges = {
        ...(command.title !== undefined ? { title: command.title } : {}),
        ...(command.category !== undefined ? { category: command.category } : {}),
        ...(command.description !== undefined ? { description: command.description } : {}),
        ...(command.executorGroup !== undefined ? { executorGroup: command.executorGroup } : {}),
        ...(command.documents !== undefined ? { documents: command.documents } : {}),
        ...(command.payeeAccount !== undefined ? { payeeAccount: command.payeeAccount } : {}),
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
      await this.proposals.update(tx, proposal.id, changes);
      if (command.budgetItems !== undefined) await this.proposals.replaceBudgetLines(tx, proposal.id, figures.lines);
      const after = proposalView({ ...proposal, ...changes }, command.budgetItems !== undefined ? figures.lines : lines);
      await this.history.record(tx, { actor, action: 'proposal.updated', proposalId: proposal.id, before, after });
      return after;
    });
  }
}
