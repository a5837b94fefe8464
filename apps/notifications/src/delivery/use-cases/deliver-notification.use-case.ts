import { Injectable, Logger } from '@nestjs/common';
import { StatementBatch, Transactions } from '@alur/database';
import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { inSpan, SpanKind } from '@alur/observability';
import { DeliveryFailedError, OutgoingMessage, SentMessage } from '../channels/channel-sender';
import { EmailSender } from '../channels/email.sender';
import { SmsGatewaySender } from '../channels/sms-gateway.sender';
import { AttemptOutcome, ClaimedDelivery, DeliveryRepository } from '../delivery.repository';

/**
 * How long a claim waits at most for those of other jobs to go with it in one statement. Nobody waits
 * for an e-mail or an SMS to the half second. At 200 ms, and 100 ms for outcomes, a grant lifecycle's
 * 12.5 deliveries took about 5 claim and outcome statements, each its own commit; the longer windows
 * took 3 commits off a lifecycle. A worker whose every job is waiting on a batch (all its slots taken:
 * no other job can join) does not wait for the window.
 *
 * An attempt's outcome waits less: from its claim to its outcome a delivery is `sending`, and a process
 * killed then leaves it so, for an operator (DeliveryReconciler), since the message may have gone out.
 * A quarter of a second more of that is worth the commits saved.
 */
export const DELIVERY_BATCH_WINDOW_MS = 500;
export const DELIVERY_OUTCOME_WINDOW_MS = 250;

/**
 * How often an outcome is written at most: again after a lost connection (the statement is
 * idempotent), as a delivery left `sending` would wait for an operator although its send is known.
 */
const OUTCOME_TRIES = 5;
const OUTCOME_RETRY_MS = 100;

export type DeliveryOutcome = 'sent' | 'skipped';

/**
 * Sends one delivery, once per claim: the row is claimed (queued/retrying → sending) before the send
 * and marked sent or failed after it. A job that runs again for a delivery already sent, failed or
 * being sent does nothing. Throws when the attempt failed, so that the queue tries again with back-off
 * (a job's own retries, or a job the DeliveryDispatcher adds after a first attempt).
 *
 * The claims of jobs running at the same time are made in one statement, and so are the outcomes
 * they record (StatementBatch): each row is still claimed by its own condition, so only one job (of
 * any worker) wins it, and no job sends before its claim, or completes before its outcome, is committed.
 * Claims wait for company (DELIVERY_BATCH_WINDOW_MS), outcomes less long (DELIVERY_OUTCOME_WINDOW_MS).
 */
@Injectable()
export class DeliverNotificationUseCase {
  private readonly logger = new Logger(DeliverNotificationUseCase.name);
  private readonly claims = new StatementBatch<string, ClaimedDelivery | null>(
    (ids) => this.deliveries.claimAll(this.transactions.manager, ids),
    DELIVERY_BATCH_WINDOW_MS,
  );
  private readonly outcomes = new StatementBatch<AttemptOutcome, void>(async (outcomes) => {
    await this.deliveries.recordOutcomes(this.transactions.manager, outcomes);
    return outcomes.map(() => undefined);
  }, DELIVERY_OUTCOME_WINDOW_MS);
  /** Deliveries this process is working on (claiming, sending or recording). */
  private inFlight = 0;

  constructor(
    private readonly transactions: Transactions,
    private readonly deliveries: DeliveryRepository,
    private readonly email: EmailSender,
    private readonly sms: SmsGatewaySender,
  ) {}

  async execute(deliveryId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    this.inFlight++;
    try {
      return await this.deliver(deliveryId, lastAttempt);
    } finally {
      this.inFlight--;
    }
  }

  private async deliver(deliveryId: string, lastAttempt: boolean): Promise<DeliveryOutcome> {
    const claim = this.claims.submit(deliveryId);
    // Every slot taken: a slot frees only when its delivery's outcome is written, and the deliveries of the
    // slots one outcome statement frees ask for their claims in the same turn. Nothing else can join them, so
    // the window would only hold the slots (a line of e-mails moved at the slots ÷ the two windows: 50 ÷ 0.75 s, 63/s
    // measured, below what a soak's lifecycles make).
    if (this.inFlight >= NOTIFICATIONS_QUEUE.concurrency) this.claims.flushSoon();
    const claimed = await this.batched(claim);
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
      await this.record({ id: claimed.id, attempt: claimed.attempts, outcome: 'failed', reason, final: lastAttempt });
      this.logger.warn({ deliveryId, channel: claimed.channel, attempt: claimed.attempts, lastAttempt, reason }, 'Delivery attempt failed');
      throw error instanceof DeliveryFailedError ? error : new DeliveryFailedError(reason);
    }
    await this.record({ id: claimed.id, attempt: claimed.attempts, outcome: 'sent', providerMessageId: sent.providerMessageId });
    return 'sent';
  }

  /**
   * Writes the attempt's outcome, again when the statement fails (a connection lost mid-outcome, as
   * when PostgreSQL terminates it): a job that threw instead would leave its delivery `sending`, and
   * its retry would find it claimed and do nothing.
   */
  private async record(outcome: AttemptOutcome): Promise<void> {
    for (let tries = 1; ; tries++) {
      try {
        return await this.batched(this.outcomes.submit(outcome));
      } catch (error) {
        if (tries >= OUTCOME_TRIES) throw error;
        this.logger.warn(
          { deliveryId: outcome.id, attempt: outcome.attempt, tries, err: error },
          'Writing a delivery outcome failed; again',
        );
        await new Promise((resolve) => setTimeout(resolve, OUTCOME_RETRY_MS * 2 ** (tries - 1)));
      }
    }
  }

  /** Waits for a batched request; first runs the batches at once when no other job of the worker can join them. */
  private batched<T>(request: Promise<T>): Promise<T> {
    if (this.inFlight >= NOTIFICATIONS_QUEUE.concurrency && this.claims.waiting + this.outcomes.waiting >= this.inFlight) {
      this.claims.flushNow();
      this.outcomes.flushNow();
    }
    return request;
  }
}
