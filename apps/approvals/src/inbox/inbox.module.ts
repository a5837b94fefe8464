import { Module } from '@nestjs/common';
import { RegionsModule } from '@alur/regions';
import { InboxRpcController } from './inbox.rpc-controller';
import { ListInboxUseCase } from './use-cases/list-inbox.use-case';

/** Officials' inboxes. Read-only. */
@Module({
  imports: [RegionsModule],
  controllers: [InboxRpcController],
  providers: [ListInboxUseCase],
})
export class InboxModule {}
