import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { EventEnvelope } from '@alur/contracts';
import { AfterCommit, RidingStatement } from '@alur/database';
import { EventNotReadyError } from '@alur/messaging';
import { SmsGatewaySender } from '../../delivery/channels/sms-gateway.sender';
import { reachableChannels } from '../../delivery/domain/reachable-channels';
import { DeliveryDispatcher } from '../../delivery/delivery-dispatcher';
import { CandidateLookups, Candidates, DirectoryRepository } from '../../directory/directory.repository';
import { NotificationRepository, NotificationWithFollowUps } from '../../inbox/notification.repository';
import { consoleLink, proposalLink, shortText } from '../../messages/domain/message-links';
import { categoryOf } from '../../messages/domain/notification-kind';
import { TemplateRenderer } from '../../messages/template-renderer';
import { effectivePreferences } from '../../preferences/domain/notification-preferences';
import { PlannedNotification } from '../../recipients/domain/planned-notification';
import { Audience, withStandIns } from '../../recipients/domain/audience';
import { isAnswered, Recipient, resolveRecipients } from '../../recipients/domain/recipient-resolver';

/**
 * Turns an event's planned notifications into inbox entries and deliveries, in the event handler's
 * transaction: a redelivered event (or a replayed dead letter) finds the unique keys taken and adds
 * nothing. The deliveries go out once that transaction has committed (DeliveryDispatcher). As a rule
 * one statement per plan (its recipients with their preferences) and one for everything the event adds.
 */
@Injectable()
export class NotifyRecipientsUseCase {
  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly directory: DirectoryRepository,
    private readonly notifications: NotificationRepository,
    private readonly renderer: TemplateRenderer,
    private readonly sms: SmsGatewaySender,
    private readonly afterCommit: AfterCommit,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  /** `alongside`, a change of the handler's that nothing here reads, rides on the statement that adds the notifications. */
  async execute(
    tx: EntityManager,
    event: EventEnvelope,
    plans: readonly PlannedNotification[],
    alongside?: RidingStatement,
  ): Promise<void> {
    const entries: NotificationWithFollowUps[] = [];
    for (const plan of plans) {
      const { proposalId } = plan;
      // The service's copy of the title, when the event does not carry it, and the programme's name are read with the recipients.
      const titleOf = plan.title === null && proposalId ? proposalId : undefined;
      const { recipients, preferences, ...found } = await this.recipientsOf(tx, plan, new Date(event.occurredAt), {
        titleOf,
        programmeOf: plan.programCode,
      });
      if (recipients.length === 0) continue;
      const title = plan.title ?? (proposalId ? (found.title ?? `#${proposalId.slice(0, 8)}`) : '');
      const programme = plan.programCode ? { programmeName: found.programmeName ?? plan.programCode } : {};
      const link =
        proposalId && !plan.consolePath
          ? proposalLink(this.env.WEB_CONSOLE_URL, proposalId)
          : consoleLink(this.env.WEB_CONSOLE_URL, plan.consolePath ?? '/');
      const villageName = this.renderer.regionName(plan.villageCode);
      const category = categoryOf(plan.kind);

      for (const { user, actingFor } of recipients) {
        const values = { ...plan.facts, ...programme, title, villageName, link, recipientName: user.displayName, actingFor };
        const content = this.renderer.renderAll(plan.kind, values);
        const notification = { recipientUserId: user.userId, eventId: event.id, kind: plan.kind, proposalId, content, link, actingFor };
        const prefs = effectivePreferences(preferences.get(user.userId) ?? null, user.language);
        if (category === 'REMINDER' && prefs.digest) {
          const digestLine = { title, villageName, overdue: plan.facts.overdue ?? false, dueAt: plan.facts.dueAt, link };
          entries.push({ notification, deliveries: [], digestLine });
          continue;
        }
        const message = content[prefs.language];
        const deliveries = reachableChannels(user, prefs.channels[category], this.sms.configured).map((channel) => ({
          sourceId: event.id,
          recipientUserId: user.userId,
          channel,
          kind: plan.kind,
          address: channel === 'email' ? user.email! : user.phone!,
          subject: message.title,
          body: channel === 'email' ? message.body : shortText(message.title, link),
        }));
        entries.push({ notification, deliveries, digestLine: null });
      }
    }
    // A repeat of the event finds its notifications there already and adds nothing, deliveries included.
    const created = await this.notifications.addWithFollowUps(tx, entries, alongside);
    if (created.length) this.afterCommit.run(tx, () => this.dispatcher.dispatch(created));
  }

  /**
   * The users a plan reaches, with their stored preferences: those named (waiting for their directory
   * entry, which the gateway's UserSaved brings), or the audiences' officials, where reminders go to an
   * acting official in place of the absent one. The lookups come back read beside them.
   */
  private async recipientsOf(
    tx: EntityManager,
    plan: PlannedNotification,
    at: Date,
    lookups: CandidateLookups,
  ): Promise<{ recipients: Recipient[] } & Omit<Candidates, 'users' | 'appointments'>> {
    if (plan.userIds) {
      const { users, appointments: _, ...found } = await this.directory.namedUsers(tx, plan.userIds, lookups);
      const byId = new Map(users.map((user) => [user.userId, user]));
      const recipients: Recipient[] = [];
      for (const userId of plan.userIds) {
        const user = byId.get(userId);
        if (!user) throw new EventNotReadyError(`user ${userId} in the directory`);
        if (user.active) recipients.push({ user, actingFor: null });
      }
      return { recipients, ...found };
    }
    const { users, appointments, ...found } = await this.directory.candidatesFor(tx, withStandIns(plan.audiences), lookups);
    const replaceAbsent = categoryOf(plan.kind) === 'REMINDER';
    const resolved = resolveRecipients(plan.audiences, users, appointments, at, { replaceAbsent });
    // Users saved just before (a fresh system, a restore, a replay) may be in a batch that has not committed
    // yet: wait for it rather than tell nobody, or tell a stand-in in place of a holder on the way. A post that
    // is simply vacant, with no user on the way, reaches nobody (or its stand-in). Judged before the exceptions
    // below: a post whose only holder is left out has arrived, and waits for nothing.
    const unanswered = (audience: Audience) => !isAnswered(audience, users, appointments, at);
    const standsIn = plan.audiences.some((audience) => audience.orElse && unanswered(audience));
    if ((resolved.length === 0 || standsIn) && plan.audiences.length > 0 && (await this.directory.usersStillArriving(tx))) {
      throw new EventNotReadyError('the users still arriving in the directory');
    }
    // Four eyes: whoever prepared an SPM (or the official they acted for) may not authorise it, so is not asked to.
    const except = new Set(plan.exceptUserIds);
    const recipients = except.size ? resolved.filter(({ user }) => !except.has(user.userId)) : resolved;
    return { recipients, ...found };
  }
}
