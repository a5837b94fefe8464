import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  ApprovalStageDecidedPayload,
  ApprovalStageDecidedV1,
  ApprovalStageEscalatedPayload,
  ApprovalStageEscalatedV1,
  ApprovalStageOpenedPayload,
  ApprovalStageOpenedV1,
  EventEnvelope,
  ProposalApprovedPayload,
  ProposalApprovedV1,
  ProposalRejectedPayload,
  ProposalRejectedV1,
  ProposalReturnedPayload,
  ProposalReturnedV1,
  ReviewWithdrawnPayload,
  ReviewWithdrawnV1,
} from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { FollowReviewUseCase } from './use-cases/follow-review.use-case';

/** The approvals service's events that change what a proposal shows: its status, current stage and timeline. */
@Injectable()
export class ReviewEventsHandler {
  constructor(private readonly review: FollowReviewUseCase) {}

  @HandleEvent(ApprovalStageOpenedV1)
  onStageOpened(event: EventEnvelope<ApprovalStageOpenedPayload>, tx: EntityManager) {
    return this.review.stageOpened(tx, event);
  }

  @HandleEvent(ApprovalStageDecidedV1)
  onStageDecided(event: EventEnvelope<ApprovalStageDecidedPayload>, tx: EntityManager) {
    return this.review.stageDecided(tx, event);
  }

  @HandleEvent(ApprovalStageEscalatedV1)
  onStageEscalated(event: EventEnvelope<ApprovalStageEscalatedPayload>, tx: EntityManager) {
    return this.review.stageEscalated(tx, event);
  }

  @HandleEvent(ProposalApprovedV1)
  onApproved(event: EventEnvelope<ProposalApprovedPayload>, tx: EntityManager) {
    return this.review.approved(tx, event);
  }

  @HandleEvent(ProposalReturnedV1)
  onReturned(event: EventEnvelope<ProposalReturnedPayload>, tx: EntityManager) {
    return this.review.returned(tx, event);
  }

  @HandleEvent(ProposalRejectedV1)
  onRejected(event: EventEnvelope<ProposalRejectedPayload>, tx: EntityManager) {
    return this.review.rejected(tx, event);
  }

  @HandleEvent(ReviewWithdrawnV1)
  onReviewWithdrawn(event: EventEnvelope<ReviewWithdrawnPayload>, tx: EntityManager) {
    return this.review.withdrawn(tx, event);
  }
}
