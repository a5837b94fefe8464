import { ExternalChannel } from '../../messages/domain/notification-kind';

/** One message on its way out, as stored on its delivery row. */
export interface OutgoingMessage {
  deliveryId: string;
  channel: ExternalChannel;
  to: string;
  subject: string;
  body: string;
}

export interface SentMessage {
  /** The provider's id for the message (the SMTP Message-ID, the SMS gateway's id). */
  providerMessageId: string;
}

/** Raised for a refusal or failure worth retrying later; its message is recorded as the reason. */
export class DeliveryFailedError extends Error {}
