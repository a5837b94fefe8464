import { Module } from '@nestjs/common';
import { ProposalsFeatureModule } from '../proposals/proposals-feature.module';
import { FollowReviewUseCase } from './follow-review.use-case';
import { ReviewEventsHandler } from './review-events.handler';

/** The proposal's side of the approval chain: status, current stage and timeline follow the approvals service. */
@Module({
  imports: [ProposalsFeatureModule],
  providers: [FollowReviewUseCase, ReviewEventsHandler],
})
export class ReviewModule {}
