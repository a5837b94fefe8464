import { Inject, Injectable } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { DeliveryFailedError, OutgoingMessage, SentMessage } from './channel-sender';

const TIMEOUT_MS = 10_000;

/**
 * SMS and WhatsApp through the regency's own provider, behind an HTTP gateway the operator sets
 * (SMS_GATEWAY_URL; unset means both channels are off). Each message is a POST of
 * `{ to, text, channel }` with `Authorization: Bearer <SMS_GATEWAY_SECRET>` — the form most
 * providers' webhooks accept as is — and `Idempotency-Key: <delivery id>`, so a gateway that honours
 * it drops a repeat. Anything but a 2xx within ten seconds is a failure to retry.
 */
@Injectable()
export class SmsGatewaySender {
  constructor(@Inject(APP_ENV) private readonly env: BaseEnv) {}

  get configured(): boolean {
    return Boolean(this.env.SMS_GATEWAY_URL);
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    if (!this.env.SMS_GATEWAY_URL) throw new DeliveryFailedError('no SMS gateway is configured (SMS_GATEWAY_URL)');
    let response: Response;
    try {
      response = await fetch(this.env.SMS_GATEWAY_URL, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': message.deliveryId,
          ...(this.env.SMS_GATEWAY_SECRET ? { authorization: `Bearer ${this.env.SMS_GATEWAY_SECRET}` } : {}),
        },
        body: JSON.stringify({ to: message.to, text: message.body, channel: message.channel }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS} ms` : (error as Error).message;
      throw new DeliveryFailedError(`SMS gateway unreachable: ${reason}`);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) throw new DeliveryFailedError(`SMS gateway answered ${response.status}: ${text.slice(0, 200)}`);
    return { providerMessageId: providerIdOf(text) ?? `${message.channel}-${message.deliveryId}` };
  }
}

function providerIdOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { id?: unknown; messageId?: unknown };
    const id = body.messageId ?? body.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}
