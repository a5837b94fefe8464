import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { Actor, NotificationPreferencesUpdate, Role } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { SmsGatewaySender } from '../../delivery/channels/sms-gateway.sender';
import { DirectoryRepository } from '../../directory/directory.repository';
import { ExternalChannel } from '../../messages/domain/notification-kind';
import { applyPreferencesUpdate } from '../domain/notification-preferences';
import { PreferencesView, preferencesViewOf } from '../domain/preferences-view';
import { PreferencesReader } from '../preferences-reader.service';
import { PreferencesRepository } from '../preferences.repository';

/** Reads and changes the caller's own notification preferences; each change is in the audit trail, before and after. */
@Injectable()
export class PreferencesUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly directory: DirectoryRepository,
    private readonly preferences: PreferencesRepository,
    private readonly reader: PreferencesReader,
    private readonly sms: SmsGatewaySender,
    private readonly audit: AuditTrail,
  ) {}

  get(actor: Actor): Promise<PreferencesView> {
    return this.view(this.transactions.manager, actor.userId);
  }

  update(actor: Actor, change: NotificationPreferencesUpdate): Promise<PreferencesView> {
    return this.transactions.run(async (tx) => {
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
