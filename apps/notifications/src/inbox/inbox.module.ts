import { Module } from '@nestjs/common';
import { NotificationsPersistenceModule } from '../database/notifications-persistence.module';
import { PreferencesModule } from '../preferences/preferences.module';
import { InboxRpcController } from './inbox.rpc-controller';
import { ListInboxUseCase } from './use-cases/list-inbox.use-case';
import { MarkReadUseCase } from './use-cases/mark-read.use-case';

/** The caller's own in-app inbox: listing it, and marking notifications read. */
@Module({
  imports: [NotificationsPersistenceModule, PreferencesModule],
  controllers: [InboxRpcController],
  providers: [ListInboxUseCase, MarkReadUseCase],
})
export class InboxModule {}
