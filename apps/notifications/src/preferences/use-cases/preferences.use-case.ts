import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, NotificationPreferencesUpdate, Role } from '@alur/contracts';
import { DirectoryRepository } from '../directory/directory.repository';
import { SmsGatewaySender } from '../delivery/channels/sms-gateway.sender';
import { ExternalChannel } from '../messages/notification-kind';
import { applyPreferencesUpdate } from './domain/notification-preferences';
import { PreferencesReader } from './preferences-reader.service';
import { PreferencesRepository } from './preferences.repository';
import { PreferencesView, preferencesViewOf } from './preferences-view';

/** Reads and changes the caller's own notification preferences; each change is in the audit trail, before and after. */
@Injectable()
export class PreferencesUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly preferences: PreferencesRepository,
    private readonly reader: PreferencesReader,
    private readonly sms: SmsGatewaySender,
    private readonly audit: AuditTrail,
  ) {}

  get(actor: Actor): Promise<PreferencesView> {
    return this.view(this.dataSource.manager, actor.userId);
  }

  update(actor: Actor, change: NotificationPreferencesUpdate): Promise<PreferencesView> {
    return this.dataSource.transaction(async (tx) => {
      const stored = await this.preferences.find(tx, actor.userId, true);
      const updated = applyPreferencesUpdate(stored, change, actor.role as Role);
      await this.preferences.save(tx, actor.userId, updated);
      // Switching someone's e-mail or SMS off silences what officials are told: who did it stays on record.
      await this.audit.record(tx, {
        actor,
        action: 'notification-preferences.changed',
        entityType: 'notification-preferences',
        entityId: actor.userId,
        before: stored,
        after: updated,
      });
      return this.view(tx, actor.userId);
    });
  }

  private async view(tx: EntityManager, userId: string): Promise<PreferencesView> {
    const user = await this.directory.findUser(tx, userId);
    const available: Record<ExternalChannel, boolean> = {
      email: Boolean(user?.email),
      sms: Boolean(user?.phone) && this.sms.configured,
      whatsapp: Boolean(user?.phone) && this.sms.configured,
    };
    return preferencesViewOf(await this.reader.of(tx, userId), available);
  }
}
