import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { EventEnvelope } from '@alur/contracts';
import { AfterCommit } from '@alur/database';
import { EventNotReadyError } from '@alur/messaging';
import { SmsGatewaySender } from '../../delivery/channels/sms-gateway.sender';
import { DeliveryDraft, DeliveryRepository } from '../../delivery/delivery.repository';
import { reachableChannels } from '../../delivery/domain/reachable-channels';
import { NotificationQueue } from '../../delivery/notification-queue';
import { DigestRepository } from '../../digest/digest.repository';
import { DirectoryRepository } from '../../directory/directory.repository';
import { NotificationRepository } from '../../inbox/notification.repository';
import { consoleLink, proposalLink, shortText } from '../../messages/domain/message-links';
import { categoryOf } from '../../messages/domain/notification-kind';
import { TemplateRenderer } from '../../messages/template-renderer';
import { effectivePreferences } from '../../preferences/domain/notification-preferences';
import { PreferencesRepository } from '../../preferences/preferences.repository';
import { PlannedNotification } from '../../recipients/domain/planned-notification';
import { Recipient, resolveRecipients } from '../../recipients/domain/recipient-resolver';

/**
 * Turns an event's planned notifications into inbox entries and deliveries, in the event handler's
 * transaction: a redelivered event (or a replayed dead letter) finds the unique keys taken and adds
 * nothing. The delivery jobs are enqueued once that transaction has committed.
 */
@Injectable()
export class NotifyRecipientsUseCase {
  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly directory: DirectoryRepository,
    private readonly preferences: PreferencesRepository,
    private readonly notifications: NotificationRepository,
    private readonly digests: DigestRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly renderer: TemplateRenderer,
    private readonly sms: SmsGatewaySender,
    private readonly afterCommit: AfterCommit,
    private readonly queue: NotificationQueue,
  ) {}

  async execute(tx: EntityManager, event: EventEnvelope, plans: readonly PlannedNotification[]): Promise<void> {
    const drafts: DeliveryDraft[] = [];
    for (const plan of plans) {
      const recipients = await this.recipientsOf(tx, plan, new Date(event.occurredAt));
      if (recipients.length === 0) continue;
      const { proposalId } = plan;
      const title =
        plan.title ?? (proposalId ? ((await this.directory.proposal(tx, proposalId))?.title ?? `#${proposalId.slice(0, 8)}`) : '');
      const link = proposalId
        ? proposalLink(this.env.WEB_CONSOLE_URL, proposalId)
        : consoleLink(this.env.WEB_CONSOLE_URL, plan.consolePath ?? '/');
      const villageName = this.renderer.regionName(plan.villageCode);
      const stored = await this.preferences.findMany(
        tx,
        recipients.map((r) => r.user.userId),
      );

      for (const { user, actingFor } of recipients) {
        const values = { ...plan.facts, title, villageName, link, recipientName: user.displayName, actingFor };
        const content = this.renderer.renderAll(plan.kind, values);
        const notificationId = await this.notifications.add(tx, {
          recipientUserId: user.userId,
          eventId: event.id,
          kind: plan.kind,
          proposalId: plan.proposalId,
          content,
          link,
          actingFor,
        });
        if (!notificationId) continue;
        const prefs = effectivePreferences(stored.get(user.userId) ?? null, user.language);
        const category = categoryOf(plan.kind);

        if (category === 'REMINDER' && prefs.digest) {
          const line = { title, villageName, overdue: plan.facts.overdue ?? false, dueAt: plan.facts.dueAt, link };
          await this.digests.addItem(tx, notificationId, user.userId, line);
          continue;
        }
        const message = content[prefs.language];
        for (const channel of reachableChannels(user, prefs.channels[category], this.sms.configured)) {
          drafts.push({
            sourceId: event.id,
            recipientUserId: user.userId,
            channel,
            kind: plan.kind,
            notificationId,
            address: channel === 'email' ? user.email! : user.phone!,
            subject: message.title,
            body: channel === 'email' ? message.body : shortText(message.title, link),
          });
        }
      }
    }
    const created = await this.deliveries.create(tx, drafts);
    if (created.length) this.afterCommit.run(tx, () => this.queue.enqueueDeliveries(created));
  }

  /**
   * The users a plan reaches: those named (waiting for their directory entry, which the gateway's
   * UserSaved brings), or the audiences' officials, where reminders go to an acting official in place
   * of the absent one.
   */
  private async recipientsOf(tx: EntityManager, plan: PlannedNotification, at: Date): Promise<Recipient[]> {
    if (plan.userIds) {
      const recipients: Recipient[] = [];
      for (const userId of plan.userIds) {
        const user = await this.directory.findUser(tx, userId);
        if (!user) throw new EventNotReadyError(`user ${userId} in the directory`);
        if (user.active) recipients.push({ user, actingFor: null });
      }
      return recipients;
    }
    const { users, appointments } = await this.directory.candidatesFor(tx, plan.audiences);
    return resolveRecipients(plan.audiences, users, appointments, at, { replaceAbsent: categoryOf(plan.kind) === 'REMINDER' });
  }
}
