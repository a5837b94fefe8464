import { Module } from '@nestjs/common';
import { ProposalsPersistenceModule } from '../database/proposals-persistence.module';
import { ProposalsFeatureModule } from '../proposals/proposals-feature.module';
import { ReviewEventsHandler } from './review-events.handler';
import { FollowReviewUseCase } from './use-cases/follow-review.use-case';

/** The proposal's side of the approval chain: status, current stage and timeline follow the approvals service. */
@Module({
  imports: [ProposalsPersistenceModule, ProposalsFeatureModule],
  providers: [FollowReviewUseCase, ReviewEventsHandler],
})
export class ReviewModule {}
