import type { ProposalStatus } from '../../proposals/domain/proposal-status';

/** The statuses the disbursements service's events move a proposal to. */
export type FundingStatus = 'AWAITING_BUDGET' | 'FUNDING' | 'COMPLETED';

/** Where a proposal waits for the event that would let it move on: a later event waits (without spending attempts) rather than being lost. */
const NOT_YET: Record<FundingStatus, readonly ProposalStatus[]> = {
  AWAITING_BUDGET: ['SUBMITTED', 'IN_REVIEW'],
  FUNDING: ['SUBMITTED', 'IN_REVIEW'],
  COMPLETED: ['SUBMITTED', 'IN_REVIEW', 'APPROVED', 'AWAITING_BUDGET'],
};

/** Whether a proposal in `status` has yet to hear an earlier event before it can become `to`. */
export function isTooEarlyFor(to: FundingStatus, status: ProposalStatus): boolean {
  return NOT_YET[to].includes(status);
}
