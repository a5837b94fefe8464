import { Module } from '@nestjs/common';
import { AfterCommit, Transactions } from '@alur/database';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { DigestRepository } from '../digest/digest.repository';
import { DirectoryRepository } from '../directory/directory.repository';
import { NotificationRepository } from '../inbox/notification.repository';
import { PreferencesRepository } from '../preferences/preferences.repository';

const PERSISTENCE = [
  Transactions,
  // Once for the service: it runs work (adding delivery jobs) after the commit of the transaction that asked for it.
  AfterCommit,
  DirectoryRepository,
  PreferencesRepository,
  NotificationRepository,
  DigestRepository,
  DeliveryRepository,
];

/** The service's repositories (each owns its tables' SQL), its transactions and its after-commit work, for every feature module here. */
@Module({ providers: PERSISTENCE, exports: PERSISTENCE })
export class NotificationsPersistenceModule {}
