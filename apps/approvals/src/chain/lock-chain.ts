import { EntityManager } from 'typeorm';
import { ApprovalChainEntity } from './approval-chain.entity';

/**
 * Locks one submission's chain row (SELECT … FOR UPDATE) and returns it, or null when it is not
 * known here. Decisions and withdrawals both take this lock first, before any stage row, so they
 * run one after the other and never deadlock; the second finds the chain no longer IN_REVIEW.
 */
export async function lockChain(tx: EntityManager, proposalId: string, submissionNumber: number): Promise<ApprovalChainEntity | null> {
  return tx.findOne(ApprovalChainEntity, { where: { proposalId, submissionNumber }, lock: { mode: 'pessimistic_write' } });
}
