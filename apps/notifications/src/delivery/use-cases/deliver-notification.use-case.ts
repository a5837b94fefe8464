import { Injectable, Logger } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { inSpan, SpanKind } from '@alur/observability';
import { DeliveryFailedError, OutgoingMessage, SentMessage } from '../channels/channel-sender';
import { EmailSender } from '../channels/email.sender';
import { SmsGatewaySender } from '../channels/sms-gateway.sender';
import { DeliveryRepository } from '../delivery.repository';

export type DeliveryOutcome = 'sent' | 'skipped';

/**
 * Sends one delivery, once per claim: the row is claimed (queued/retrying → sending) before the send
 * and marked sent or failed after it. A job that runs again for a delivery already sent, failed or
 * being sent does nothing. Throws when the attempt failed, so that BullMQ retries with back-off.
 */
@Injectable()
export class DeliverNotificationUseCase {
  private readonly logger = new Logger(DeliverNotificationUseCase.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly deliveries: DeliveryRepository,
    private readonly email: EmailSender,
    private readonly sms: SmsGatewaySender,
  ) {}

  async execute(deliveryId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const claimed = await this.deliveries.claim(this.transactions.manager, deliveryId);
    if (!claimed) return 'skipped';
    const message: OutgoingMessage = {
      deliveryId: claimed.id,
      channel: claimed.channel,
      to: claimed.address,
      subject: claimed.subject,
      body: claimed.body,
    };
    let sent: SentMessage;
    try {
      sent = await inSpan(`${claimed.channel} send`, { kind: SpanKind.CLIENT, attributes: { 'alur.delivery': claimed.id } }, () =>
        claimed.channel === 'email' ? this.email.send(message) : this.sms.send(message),
      );
    } catch (error) {
      const reason = (error as Error).message || String(error);
      await this.transactions.run((tx) => this.deliveries.markAttemptFailed(tx, claimed.id, claimed.attempts, reason, lastAttempt));
      this.logger.warn({ deliveryId, channel: claimed.channel, attempt: claimed.attempts, lastAttempt, reason }, 'Delivery attempt failed');
      throw error instanceof DeliveryFailedError ? error : new DeliveryFailedError(reason);
    }
    await this.transactions.run((tx) => this.deliveries.markSent(tx, claimed.id, claimed.attempts, sent.providerMessageId));
    return 'sent';
  }
}
