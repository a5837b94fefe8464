import type { EvaluationCounts } from '@alur/contracts';
import type { SubmittedProposalOutcome } from '../../proposals/domain/proposal';
import type { ProposalStatus } from '../../proposals/domain/proposal-status';

/** Statuses a proposal reaches only once finally approved. */
const APPROVED: readonly ProposalStatus[] = ['APPROVED', 'AWAITING_BUDGET', 'FUNDING', 'COMPLETED'];

/** How many proposals were submitted, approved, returned (at least once) and rejected, in the pilot and outside it. */
export function countProposals(
  outcomes: readonly SubmittedProposalOutcome[],
  inPilot: (villageCode: string) => boolean,
): EvaluationCounts[] {
  return (['PILOT', 'OTHERS'] as const).map((group): EvaluationCounts => {
    const members = outcomes.filter((outcome) => inPilot(outcome.villageCode) === (group === 'PILOT'));
    return {
      group,
      submitted: members.length,
      approved: members.filter((outcome) => APPROVED.includes(outcome.status)).length,
      returned: members.filter((outcome) => outcome.returnedOnce).length,
      rejected: members.filter((outcome) => outcome.status === 'REJECTED').length,
    };
  });
}
