import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { ApprovalsPersistenceModule } from '../database/approvals-persistence.module';
import { InboxRpcController } from './inbox.rpc-controller';
import { InboxRepository } from './inbox.repository';
import { ListInboxUseCase } from './use-cases/list-inbox.use-case';

/** Officials' inboxes. Read-only. */
@Module({
  imports: [RegionsModule, ApprovalsPersistenceModule],
  controllers: [InboxRpcController],
  providers: [InboxRepository, ListInboxUseCase],
})
export class InboxModule {}
