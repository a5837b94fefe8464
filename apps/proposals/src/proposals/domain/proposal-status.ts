import { ConflictError, PROPOSAL_STATUSES, type ProposalStatus } from '@alur/contracts';

// The statuses are declared with the answers that carry them (@alur/contracts).
export { PROPOSAL_STATUSES, type ProposalStatus };

/**
 * Every move a proposal may make, in one place. The approval chain moves it through review
 * (SUBMITTED → IN_REVIEW → APPROVED / RETURNED / REJECTED); the BKM submits, resubmits a returned
 * proposal and may withdraw until it is decided; disbursement takes an approved one to COMPLETED,
 * through AWAITING_BUDGET when it did not fit its ceiling (pagu) at once.
 */
export const PROPOSAL_TRANSITIONS: Readonly<Record<ProposalStatus, readonly ProposalStatus[]>> = {
  DRAFT: ['SUBMITTED', 'WITHDRAWN'],
  SUBMITTED: ['IN_REVIEW', 'RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'],
  IN_REVIEW: ['RETURNED', 'APPROVED', 'REJECTED', 'WITHDRAWN'],
  RETURNED: ['SUBMITTED', 'WITHDRAWN'],
  APPROVED: ['AWAITING_BUDGET', 'FUNDING'],
  AWAITING_BUDGET: ['FUNDING'],
  FUNDING: ['COMPLETED'],
  REJECTED: [],
  WITHDRAWN: [],
  COMPLETED: [],
};

/** The BKM may change the content only while the proposal is in its hands. */
export const EDITABLE_STATUSES: readonly ProposalStatus[] = ['DRAFT', 'RETURNED'];

export function canTransition(from: ProposalStatus, to: ProposalStatus): boolean {
  return PROPOSAL_TRANSITIONS[from].includes(to);
}

export function assertTransition(from: ProposalStatus, to: ProposalStatus): void {
  if (!canTransition(from, to)) {
    throw new ConflictError(`A proposal in status ${from} cannot become ${to}`);
  }
}

export function assertEditable(status: ProposalStatus): void {
  if (!EDITABLE_STATUSES.includes(status)) {
    throw new ConflictError(`A proposal in status ${status} cannot be edited; only DRAFT or RETURNED`);
  }
}
