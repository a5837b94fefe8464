import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ChainStatus } from '@alur/contracts';
import { ApprovalChainEntity } from './approval-chain.entity';
import { ApprovalChain } from './domain/approval-chain';

/** Approval chains, one per submission of a proposal. */
@Injectable()
export class ApprovalChainRepository {
  /** Records a submission's chain; false (and nothing changed) when this submission is already known. */
  async insertIfNew(tx: EntityManager, chain: ApprovalChain): Promise<boolean> {
    const inserted = await tx
      .createQueryBuilder()
      .insert()
      .into(ApprovalChainEntity)
      .values({ ...chain })
      .orIgnore()
      .returning(['proposalId'])
      .execute();
    // The rows RETURNING answered: none when the submission was already there.
    return Array.isArray(inserted.raw) && inserted.raw.length > 0;
  }

  /**
   * Locks one submission's chain row (SELECT … FOR UPDATE) and returns it, or null when it is not
   * known here. Decisions and withdrawals both take this lock first, before any stage row, so they
   * run one after the other and never deadlock; the second finds the chain no longer IN_REVIEW.
   */
  lock(tx: EntityManager, proposalId: string, submissionNumber: number): Promise<ApprovalChain | null> {
    return tx.findOne(ApprovalChainEntity, { where: { proposalId, submissionNumber }, lock: { mode: 'pessimistic_write' } });
  }

  /** The chain of one submission; it must exist. */
  get(db: EntityManager, proposalId: string, submissionNumber: number): Promise<ApprovalChain> {
    return db.findOneByOrFail(ApprovalChainEntity, { proposalId, submissionNumber });
  }

  /** Ends the chain: approved, returned, rejected or withdrawn, at `closedAt`. */
  async close(tx: EntityManager, proposalId: string, submissionNumber: number, status: ChainStatus, closedAt: Date): Promise<void> {
    await tx.update(ApprovalChainEntity, { proposalId, submissionNumber }, { status, closedAt });
  }
}
