import type { ProposalSummaryView, ProposalView } from '@alur/contracts';
import { BudgetLine, hundredthsToQuantity } from './domain/budget';
import type { Proposal, TimelineEntry } from './domain/proposal';

/** A proposal in a list: no budget lines, no timeline. */
export function proposalSummaryView(p: Proposal): ProposalSummaryView {
  return {
    id: p.id,
    programCode: p.programCode,
    programVersion: p.programVersion,
    villageCode: p.villageCode,
    districtCode: p.districtCode,
    regencyCode: p.regencyCode,
    title: p.title,
    category: p.category,
    executorGroup: p.executorGroup,
    beneficiaries: p.households === null ? null : { households: p.households, poorHouseholds: p.poorHouseholds ?? 0 },
    budgetTotal: p.budgetTotal,
    selfHelpAmount: p.selfHelpAmount,
    requestedAmount: p.requestedAmount,
    selfHelpShareBp: p.selfHelpShareBp,
    status: p.status,
    version: p.version,
    submissionNumber: p.submissionNumber,
    currentStage: p.currentStage ?? null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    submittedAt: p.submittedAt?.toISOString() ?? null,
  };
}

/** A proposal with everything: its RAB, beneficiaries and, when asked for, its timeline. */
export function proposalView(p: Proposal, items: readonly BudgetLine[], timeline?: readonly TimelineEntry[]): ProposalView {
  return {
    ...proposalSummaryView(p),
    description: p.description,
    documents: p.documents,
    budgetItems: items.map((item) => ({
      description: item.description,
      quantity: hundredthsToQuantity(item.quantityHundredths),
      unit: item.unit,
      unitPrice: item.unitPrice,
      amount: item.amount,
    })),
    payeeAccount: p.payeeAccount,
    bkmUserId: p.bkmUserId,
    ...(timeline
      ? {
          timeline: timeline.map((entry) => ({
            at: entry.occurredAt.toISOString(),
            kind: entry.kind,
            actor: entry.actor
              ? {
                  userId: entry.actor.userId,
                  username: entry.actor.username,
                  role: entry.actor.role,
                  actingFor: entry.actor.actingFor ?? null,
                }
              : null,
            fromStatus: entry.fromStatus,
            toStatus: entry.toStatus,
            note: entry.note,
            details: entry.details ?? null,
          })),
        }
      : {}),
  };
}
/** A proposal as the API shows it (the contracts' ProposalView). */
export type { ProposalView };
