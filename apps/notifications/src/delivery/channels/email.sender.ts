import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { APP_ENV, BaseEnv } from '@alur/config';
import { OutgoingMessage, SentMessage } from './channel-sender';

/** The Message-ID of a delivery's e-mail: the same on every attempt, so that mail systems can drop a repeat. */
export function messageIdOf(deliveryId: string): string {
  return `<${deliveryId}@notifications.alur>`;
}

/** E-mail through SMTP (SMTP_URL: the local mail catcher in development, the regency's relay in production). */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(APP_ENV) private readonly env: BaseEnv) {
    this.transport = createTransport({
      url: env.SMTP_URL,
      // Connections kept open and reused: a connection (and its TLS and greeting) per message cost
      // more than the message itself, on our side and the relay's.
      pool: true,
      maxConnections: 5,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    const info = await this.transport.sendMail({
      from: this.env.MAIL_FROM,
      to: message.to,
      subject: message.subject,
      text: message.body,
      messageId: messageIdOf(message.deliveryId),
      headers: { 'X-Alur-Delivery-Id': message.deliveryId },
    });
    return { providerMessageId: info.messageId };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
