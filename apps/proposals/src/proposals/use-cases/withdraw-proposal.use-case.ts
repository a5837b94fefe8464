import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, ConflictError, ProposalWithdrawnV1, requireRole } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { Proposal, ProposalChanges } from '../domain/proposal';
import { assertTransition } from '../domain/proposal-status';
import { ProposalAccess } from '../proposal-access.service';
import { WithdrawProposalCommand } from '../proposal-commands';
import { ProposalHistory } from '../proposal-history.service';
import { ProposalRepository } from '../proposal.repository';
import { proposalView, ProposalView } from '../proposal.view';

/**
 * The BKM withdraws its proposal before it is decided; announced as ProposalWithdrawnV1. Under
 * review, the approvals service decides first whether a withdrawal still comes before every decision
 * (the gateway asks it): here an IN_REVIEW proposal is withdrawn only with its word for that submission.
 */
@Injectable()
export class WithdrawProposalUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly proposals: ProposalRepository,
    private readonly access: ProposalAccess,
    private readonly history: ProposalHistory,
    private readonly outbox: OutboxService,
  ) {}

  async execute(actor: Actor, command: WithdrawProposalCommand): Promise<ProposalView> {
    return this.transactions.run(async (tx) => {
      const proposal = await this.access.visible(tx, actor, command.id, { forUpdate: true });
      requireRole(actor, 'BKM');
      const closedByReview = command.reviewWithdrawn != null && command.reviewWithdrawn === proposal.submissionNumber;
      if (closedByReview && proposal.status === 'WITHDRAWN')
        return proposalView(proposal, await this.proposals.budgetLines(tx, proposal.id));
      if (proposal.status === 'IN_REVIEW' && !closedByReview) {
        throw new ConflictError('The approval chain has just decided this proposal: reload it');
      }
      // Once the approvals service has ended the review for this withdrawal, a newer version (a stage opened) cannot undo it.
      if (!closedByReview && command.version !== undefined && command.version !== proposal.version) {
        throw new ConflictError(`The proposal changed since version ${command.version}: reload it`);
      }
      return this.withdrawLocked(tx, proposal, actor, command.reason ?? null);
    });
  }

  /** Withdraws a proposal the caller has locked; also used when the approvals service announces it closed the review. */
  async withdrawLocked(tx: EntityManager, proposal: Proposal, actor: Actor | null, reason: string | null): Promise<ProposalView> {
    const fromStatus = proposal.status;
    assertTransition(fromStatus, 'WITHDRAWN');
    const lines = await this.proposals.budgetLines(tx, proposal.id);
    const before = proposalView(proposal, lines);
    const changes: ProposalChanges = {
      status: 'WITHDRAWN',
      currentStage: null,
      version: proposal.version + 1,
      updatedAt: new Date(),
    };
    await this.proposals.update(tx, proposal.id, changes);
    const withdrawn: Proposal = { ...proposal, ...changes };
    const event = await this.outbox.record(tx, ProposalWithdrawnV1, {
      aggregateId: withdrawn.id,
      actor,
      payload: {
        proposalId: withdrawn.id,
        programCode: withdrawn.programCode,
        programVersion: withdrawn.programVersion,
        villageCode: withdrawn.villageCode,
        districtCode: withdrawn.districtCode,
        regencyCode: withdrawn.regencyCode,
        fromStatus,
        submissionNumber: withdrawn.submissionNumber,
        reason,
      },
    });
    const after = proposalView(withdrawn, lines);
    await this.history.record(tx, {
      actor,
      action: 'proposal.withdrawn',
      proposalId: withdrawn.id,
      fromStatus,
      toStatus: 'WITHDRAWN',
      before,
      after,
      note: reason,
      eventId: event.id,
    });
    return after;
  }
}
