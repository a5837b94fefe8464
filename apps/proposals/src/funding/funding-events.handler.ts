import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  BudgetCommittedPayload,
  BudgetCommittedV1,
  EventEnvelope,
  fundingLineText,
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
  type ProposalTimelineKind,
} from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { FlatJson } from '../proposals/domain/flat-json';
import { FundingStatus } from './domain/funding-status';
import { FollowFundingUseCase } from './use-cases/follow-funding.use-case';

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
    const ceilingName = this.regions.placeNameOf(p.ceilingRegionCode);
    return this.follows(
      tx,
      event,
      'disbursement.budget-committed',
      {
        amount: p.amount,
        ceilingRegionCode: p.ceilingRegionCode,
        ceilingName,
        fiscalYear: p.fiscalYear,
        trancheCount: p.tranches.length,
      },
      'FUNDING',
    );
  }

  @HandleEvent(ProposalAwaitingBudgetV1)
  onAwaitingBudget(event: EventEnvelope<ProposalAwaitingBudgetPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    const ceilingName = this.regions.placeNameOf(p.ceilingRegionCode);
    return this.follows(
      tx,
      event,
      'disbursement.awaiting-budget',
      { requestedAmount: p.requestedAmount, available: p.available, ceilingRegionCode: p.ceilingRegionCode, ceilingName },
      'AWAITING_BUDGET',
    );
  }

  @HandleEvent(TrancheReadyV1)
  onTrancheReady(event: EventEnvelope<TrancheReadyPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follows(tx, event, 'disbursement.tranche-ready', {
      trancheNumber: p.trancheNumber,
      trancheCount: p.trancheCount,
      amount: p.amount,
    });
  }

  @HandleEvent(TrancheReleasedV1)
  onTrancheReleased(event: EventEnvelope<TrancheReleasedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follows(tx, event, 'disbursement.tranche-released', {
      trancheNumber: p.trancheNumber,
      trancheCount: p.trancheCount,
      amount: p.amount,
      sp2dNumber: p.sp2dNumber,
      releasedAt: p.releasedAt,
    });
  }

  @HandleEvent(ProgressReportedV1)
  onProgressReported(event: EventEnvelope<ProgressReportedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follows(tx, event, 'disbursement.progress-reported', {
      physicalProgressPercent: p.physicalProgressPercent,
      amountSpent: p.amountSpent,
      final: p.final,
    });
  }

  @HandleEvent(ProgressReportVerifiedV1)
  onProgressReportVerified(event: EventEnvelope<ProgressReportVerifiedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follows(tx, event, p.decision === 'ACCEPTED' ? 'disbursement.progress-accepted' : 'disbursement.progress-sent-back', {
      reportId: p.reportId,
      physicalProgressPercent: p.physicalProgressPercent,
      decision: p.decision,
      verifiedBy: p.verifiedBy.username,
      verifierNote: p.note ?? null,
    });
  }

  @HandleEvent(ProposalCompletedV1)
  onCompleted(event: EventEnvelope<ProposalCompletedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    return this.follows(tx, event, 'disbursement.completed', { totalReleased: p.totalReleased, completedAt: p.completedAt }, 'COMPLETED');
  }

  /** A funding entry of the timeline: its facts, and as its note the sentence they make in Bahasa Indonesia. */
  private follows(
    tx: EntityManager,
    event: EventEnvelope<{ proposalId: string }>,
    kind: ProposalTimelineKind,
    details: FlatJson,
    toStatus?: FundingStatus,
  ): Promise<void> {
    const note = fundingLineText(kind, details, 'id');
    if (note === undefined) throw new Error(`The timeline has no sentence for ${kind} from ${Object.keys(details).join(', ')}`);
    return this.follow.execute(tx, event, { kind, note, details, ...(toStatus ? { toStatus } : {}) });
  }
}
