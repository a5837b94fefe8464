import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { RegionsModule } from '@alur/regions';
import { ProposalsPersistenceModule } from '../database/proposals-persistence.module';
import { ProposalsFeatureModule } from '../proposals/proposals-feature.module';
import { FollowFundingUseCase } from './use-cases/follow-funding.use-case';
import { FundingEventsHandler } from './funding-events.handler';

/** Funding: the proposal's status and timeline follow the disbursements service's events. */
@Module({
  imports: [AuditModule, RegionsModule, ProposalsPersistenceModule, ProposalsFeatureModule],
  providers: [FundingEventsHandler, FollowFundingUseCase],
})
export class FundingModule {}
