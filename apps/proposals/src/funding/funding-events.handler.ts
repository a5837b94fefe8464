import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  BudgetCommittedPayload,
  BudgetCommittedV1,
  EventEnvelope,
  ProgressReportedPayload,
  ProgressReportedV1,
  ProgressReportVerifiedPayload,
  ProgressReportVerifiedV1,
  ProposalAwaitingBudgetPayload,
  ProposalAwaitingBudgetV1,
  ProposalCompletedPayload,
  ProposalCompletedV1,
  TrancheReadyPayload,
  TrancheReadyV1,
  TrancheReleasedPayload,
  TrancheReleasedV1,
} from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { FollowFundingUseCase } from './use-cases/follow-funding.use-case';
import { fundingNotes } from './domain/funding-notes';

/** The disbursements service's events, as they change a proposal's status and timeline. */
@Injectable()
export class FundingEventsHandler {
  constructor(
    private readonly follow: FollowFundingUseCase,
    private readonly regions: RegionDirectory,
  ) {}

  @HandleEvent(BudgetCommittedV1)
  onBudgetCommitted(event: EventEnvelope<BudgetCommittedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follow.execute(tx, event, {
      kind: 'disbursement.budget-committed',
      toStatus: 'FUNDING',
      note: fundingNotes.budgetCommitted(p, this.regions.placeNameOf(p.ceilingRegionCode)),
      details: { amount: p.amount, ceilingRegionCode: p.ceilingRegionCode, fiscalYear: p.fiscalYear, trancheCount: p.tranches.length },
    });
  }

  @HandleEvent(ProposalAwaitingBudgetV1)
  onAwaitingBudget(event: EventEnvelope<ProposalAwaitingBudgetPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follow.execute(tx, event, {
      kind: 'disbursement.awaiting-budget',
      toStatus: 'AWAITING_BUDGET',
      note: fundingNotes.awaitingBudget(p, this.regions.placeNameOf(p.ceilingRegionCode)),
      details: { requestedAmount: p.requestedAmount, available: p.available, ceilingRegionCode: p.ceilingRegionCode },
    });
  }

  @HandleEvent(TrancheReadyV1)
  onTrancheReady(event: EventEnvelope<TrancheReadyPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follow.execute(tx, event, {
      kind: 'disbursement.tranche-ready',
      note: fundingNotes.trancheReady(p),
      details: { trancheNumber: p.trancheNumber, trancheCount: p.trancheCount, amount: p.amount },
    });
  }

  @HandleEvent(TrancheReleasedV1)
  onTrancheReleased(event: EventEnvelope<TrancheReleasedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follow.execute(tx, event, {
      kind: 'disbursement.tranche-released',
      note: fundingNotes.trancheReleased(p),
      details: {
        trancheNumber: p.trancheNumber,
        trancheCount: p.trancheCount,
        amount: p.amount,
        sp2dNumber: p.sp2dNumber,
        releasedAt: p.releasedAt,
      },
    });
  }

  @HandleEvent(ProgressReportedV1)
  onProgressReported(event: EventEnvelope<ProgressReportedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follow.execute(tx, event, {
      kind: 'disbursement.progress-reported',
      note: fundingNotes.progressReported(p),
      details: { physicalProgressPercent: p.physicalProgressPercent, amountSpent: p.amountSpent, final: p.final },
    });
  }

  @HandleEvent(ProgressReportVerifiedV1)
  onProgressReportVerified(event: EventEnvelope<ProgressReportVerifiedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follow.execute(tx, event, {
      kind: p.decision === 'ACCEPTED' ? 'disbursement.progress-accepted' : 'disbursement.progress-sent-back',
      note: fundingNotes.progressVerified(p),
      details: {
        reportId: p.reportId,
        physicalProgressPercent: p.physicalProgressPercent,
        decision: p.decision,
        verifiedBy: p.verifiedBy.username,
      },
    });
  }

  @HandleEvent(ProposalCompletedV1)
  onCompleted(event: EventEnvelope<ProposalCompletedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follow.execute(tx, event, {
      kind: 'disbursement.completed',
      toStatus: 'COMPLETED',
      note: fundingNotes.completed(p),
      details: { totalReleased: p.totalReleased, completedAt: p.completedAt },
    });
  }
}
