import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { AfterCommit, Transactions } from '@alur/database';
import { SmsGatewaySender } from '../../delivery/channels/sms-gateway.sender';
import { DeliveryRepository } from '../../delivery/delivery.repository';
import { reachableChannels } from '../../delivery/domain/reachable-channels';
import { DeliveryDispatcher } from '../../delivery/delivery-dispatcher';
import { DirectoryRepository } from '../../directory/directory.repository';
import { localDate } from '../../messages/domain/message-format';
import { TemplateRenderer } from '../../messages/template-renderer';
import { effectivePreferences } from '../../preferences/domain/notification-preferences';
import { PreferencesRepository } from '../../preferences/preferences.repository';
import { DigestRepository } from '../digest.repository';

export interface DigestRunResult {
  digests: number;
  reminders: number;
}

/**
 * Collects the reminders each official chose to receive as a digest into one message per day, sent
 * on the channels they chose for reminders. Runs daily from the queue's job scheduler; a second run
 * on the same local day leaves newer reminders for the next day's digest.
 */
@Injectable()
export class RunReminderDigestUseCase {
  private readonly logger = new Logger(RunReminderDigestUseCase.name);

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly transactions: Transactions,
    private readonly digests: DigestRepository,
    private readonly directory: DirectoryRepository,
    private readonly preferences: PreferencesRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly renderer: TemplateRenderer,
    private readonly sms: SmsGatewaySender,
    private readonly afterCommit: AfterCommit,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  async run(now: Date): Promise<DigestRunResult> {
    const digestDate = localDate(now, this.env.TIMEZONE);
    const users = await this.digests.usersWithPendingItems(this.transactions.manager);
    const result: DigestRunResult = { digests: 0, reminders: 0 };
    for (const userId of users) {
      const count = await this.digestFor(userId, digestDate);
      if (count > 0) {
        result.digests++;
        result.reminders += count;
      }
    }
    if (result.digests) this.logger.log({ ...result, digestDate }, 'Reminder digests sent');
    return result;
  }

  private digestFor(userId: string, digestDate: string): Promise<number> {
    return this.transactions.run(async (tx) => {
      const items = await this.digests.lockPendingItems(tx, userId);
      if (items.length === 0) return 0;
      const digestId = await this.digests.createDigest(tx, userId, digestDate, items.length);
      if (!digestId) return 0;
      await this.digests.assign(
        tx,
        digestId,
        items.map((i) => i.notificationId),
      );

      const user = await this.directory.findUser(tx, userId);
      if (!user?.active) return items.length;
      const prefs = effectivePreferences(await this.preferences.find(tx, userId), user.language);
      const message = this.renderer.render('REMINDER_DIGEST', prefs.language, {
        recipientName: user.displayName,
        count: items.length,
        items: items.map((item) => item.line),
      });
      const created = await this.deliveries.create(
        tx,
        reachableChannels(user, prefs.channels.REMINDER, this.sms.configured).map((channel) => ({
          sourceId: digestId,
          recipientUserId: userId,
          channel,
          kind: 'REMINDER_DIGEST' as const,
          notificationId: null,
          address: channel === 'email' ? user.email! : user.phone!,
          subject: message.title,
          // SMS carries the title only: the list is in the inbox and the e-mail.
          body: channel === 'email' ? message.body : message.title.replace(/\u00a0/g, ' '),
        })),
      );
      if (created.length) this.afterCommit.run(tx, () => this.dispatcher.dispatch(created));
      return items.length;
    });
  }
}
