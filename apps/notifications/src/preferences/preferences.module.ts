import { Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { NotificationsPersistenceModule } from '../database/notifications-persistence.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { PreferencesReader } from './preferences-reader.service';
import { PreferencesRpcController } from './preferences.rpc-controller';
import { PreferencesUseCase } from './use-cases/preferences.use-case';

/** Each user's language, digest and channels; the reader gives the effective ones to the other features. */
@Module({
  // DeliveryModule: whether the SMS/WhatsApp gateway is configured decides which channels are available.
  imports: [NotificationsPersistenceModule, DeliveryModule, AuditModule],
  controllers: [PreferencesRpcController],
  providers: [PreferencesUseCase, PreferencesReader],
  exports: [PreferencesReader],
})
export class PreferencesModule {}
