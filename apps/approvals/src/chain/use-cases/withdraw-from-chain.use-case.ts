import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  Actor,
  AnswerOf,
  ConflictError,
  NotFoundError,
  ProposalWithdrawnPayload,
  RequestOf,
  requireRole,
  ReviewWithdrawnV1,
  WithdrawFromReview,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { stageRefOf } from '../../stages/domain/approval-stage';
import { StageCloser } from '../../stages/stage-closer.service';
import { ApprovalChainRepository } from '../approval-chain.repository';
import { ApprovalChain } from '../domain/approval-chain';

export type WithdrawFromReviewCommand = RequestOf<typeof WithdrawFromReview>;
export type WithdrawFromReviewResult = AnswerOf<typeof WithdrawFromReview>;

/**
 * Withdrawal against decision is decided here, by the service that owns the open stage: the BKM's
 * withdrawal and an official's decision both lock the chain row first, so exactly one of them ends
 * the chain and the other is refused with 409. An accepted withdrawal cancels the open stage, clears
 * its alarms and announces ReviewWithdrawn, on which the proposals service withdraws the proposal.
 */
@Injectable()
export class WithdrawFromChainUseCase {
  private readonly logger = new Logger(WithdrawFromChainUseCase.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly chains: ApprovalChainRepository,
    private readonly regions: RegionDirectory,
    private readonly closer: StageCloser,
    private readonly changes: ChangeRecorder,
  ) {}

  /** The BKM asks (through the gateway, before the proposals service records the withdrawal). */
  async execute(actor: Actor, command: WithdrawFromReviewCommand): Promise<WithdrawFromReviewResult> {
    requireRole(actor, 'BKM');
    return this.transactions.run(async (tx) => {
      const chain = await this.chains.lock(tx, command.proposalId, command.submissionNumber);
      if (!chain) return { submissionNumber: null };
      if (!this.regions.covers(actor.regionCode, chain.villageCode)) throw new NotFoundError(`No proposal ${command.proposalId}`);
      switch (chain.status) {
        case 'IN_REVIEW':
          await this.close(tx, chain, actor, command.reason ?? null);
          return { submissionNumber: chain.submissionNumber };
        case 'WITHDRAWN':
          return { submissionNumber: chain.submissionNumber };
        case 'RETURNED':
          // Back in the BKM's hands: the proposals service alone decides, once it has heard of the return.
          return { submissionNumber: null };
        default:
          throw new ConflictError(`The proposal was already ${chain.status.toLowerCase()} and can no longer be withdrawn`);
      }
    });
  }

  /**
   * The proposals service withdrew a proposal this service had not yet heard of as under review
   * (it was only SUBMITTED there); it arrives after the submission, so the chain it opened ends now.
   */
  async onProposalWithdrawn(tx: EntityManager, withdrawal: ProposalWithdrawnPayload, actor: Actor | null): Promise<void> {
    if (withdrawal.submissionNumber < 1) return;
    const chain = await this.chains.lock(tx, withdrawal.proposalId, withdrawal.submissionNumber);
    if (chain?.status === 'IN_REVIEW') {
      await this.close(tx, chain, actor, withdrawal.reason ?? 'withdrawn by the BKM');
    } else if (chain && chain.status !== 'WITHDRAWN' && chain.status !== 'RETURNED') {
      // Only possible when a chain ended before this service heard of the withdrawal; disbursements releases what it committed.
      this.logger.warn({ proposalId: chain.proposalId, status: chain.status }, 'Withdrawal arrived after the chain had ended');
    }
  }

  private async close(tx: EntityManager, chain: ApprovalChain, actor: Actor | null, reason: string | null): Promise<void> {
    const withdrawnAt = new Date();
    const [cancelled] = await this.closer.cancelOpenStages(tx, chain.proposalId, actor, reason ?? 'withdrawn by the BKM');
    await this.chains.close(tx, chain.proposalId, chain.submissionNumber, 'WITHDRAWN', withdrawnAt);
    await this.changes.record(tx, {
      announce: {
        contract: ReviewWithdrawnV1,
        aggregateId: chain.proposalId,
        actor,
        payload: {
          proposalId: chain.proposalId,
          submissionNumber: chain.submissionNumber,
          villageCode: chain.villageCode,
          cancelledStage: cancelled ? stageRefOf(cancelled) : null,
          reason,
          withdrawnAt: withdrawnAt.toISOString(),
        },
      },
      audit: {
        action: 'approval-chain.withdrawn',
        entityType: 'approval-chain',
        entityId: `${chain.proposalId}#${chain.submissionNumber}`,
        fromStatus: 'IN_REVIEW',
        toStatus: 'WITHDRAWN',
        after: { cancelledStage: cancelled?.stageOrder ?? null, reason },
      },
    });
  }
}
