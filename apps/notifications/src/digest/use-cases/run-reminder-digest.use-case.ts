import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_ENV, BaseEnv } from '@alur/config';
import { DirectoryRepository } from '../directory/directory.repository';
import { AfterCommit } from '@alur/database';
import { DeliveryRepository } from '../delivery/delivery.repository';
import { NotificationQueue } from '../delivery/notification-queue';
import { NotifyRecipientsUseCase } from '../events/notify-recipients.use-case';
import { localDate } from '../messages/message-format';
import { TemplateRenderer } from '../messages/template-renderer';
import { effectivePreferences } from '../preferences/domain/notification-preferences';
import { PreferencesRepository } from '../preferences/preferences.repository';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly directory: DirectoryRepository,
    private readonly preferences: PreferencesRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly renderer: TemplateRenderer,
    private readonly notifier: NotifyRecipientsUseCase,
    private readonly afterCommit: AfterCommit,
    private readonly queue: NotificationQueue,
  ) {}

  async run(now: Date): Promise<DigestRunResult> {
    const digestDate = localDate(now, this.env.TIMEZONE);
    const users: Array<{ user_id: string }> = await this.dataSource.query(
      'SELECT DISTINCT user_id FROM digest_item WHERE digest_id IS NULL',
    );
    const result: DigestRunResult = { digests: 0, reminders: 0 };
    for (const { user_id: userId } of users) {
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
    return this.dataSource.transaction(async (tx) => {
      const items: Array<{ notification_id: string; line: Record<string, unknown> }> = await tx.query(
        `SELECT notification_id, line FROM digest_item WHERE user_id = $1 AND digest_id IS NULL ORDER BY created_at, notification_id FOR UPDATE SKIP LOCKED`,
        [userId],
      );
      if (items.length === 0) return 0;
      const digest: Array<{ id: string }> = await tx.query(
        `INSERT INTO reminder_digest (id, user_id, digest_date, item_count) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, digest_date) DO NOTHING RETURNING id`,
        [randomUUID(), userId, digestDate, items.length],
      );
      if (digest.length === 0) return 0;
      const digestId = digest[0].id;
      await tx.query('UPDATE digest_item SET digest_id = $1 WHERE notification_id = ANY($2::uuid[])', [
        digestId,
        items.map((i) => i.notification_id),
      ]);

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
        this.notifier.channelsFor(user, prefs.channels.REMINDER).map((channel) => ({
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
      if (created.length) this.afterCommit.run(tx, () => this.queue.enqueueDeliveries(created));
      return items.length;
    });
  }
}
