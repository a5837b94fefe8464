import type { DeliveryDetail, DeliveryView, NotificationDeliveryStatus } from '@alur/contracts';
import { ExternalChannel } from '../../messages/domain/notification-kind';

/** One delivery of the log: a message for one recipient on one channel, and where it stands. */
export interface DeliveryLogEntry {
  id: string;
  recipientUserId: string;
  /** The recipient's username, when the directory knows them. */
  username: string | null;
  channel: ExternalChannel;
  kind: string;
  address: string;
  subject: string;
  status: NotificationDeliveryStatus;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt: Date | null;
}

/** One attempt at a delivery (or its queueing), with the reason of a failure. */
export interface DeliveryAttempt {
  attempt: number;
  outcome: string;
  reason: string | null;
  at: Date;
}

/** A delivery as operators see it (the contracts' DeliveryView). */
export function deliveryViewOf(entry: DeliveryLogEntry): DeliveryView {
  return {
    id: entry.id,
    recipient: { userId: entry.recipientUserId, username: entry.username },
    channel: entry.channel,
    kind: entry.kind,
    address: entry.address,
    subject: entry.subject,
    status: entry.status,
    attempts: entry.attempts,
    lastError: entry.lastError,
    providerMessageId: entry.providerMessageId,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
    sentAt: entry.sentAt ? entry.sentAt.toISOString() : null,
  };
}

/** A delivery with every attempt (the contracts' DeliveryDetail). */
export function deliveryDetailOf(entry: DeliveryLogEntry, attempts: readonly DeliveryAttempt[]): DeliveryDetail {
  return {
    ...deliveryViewOf(entry),
    history: attempts.map((a) => ({ attempt: a.attempt, outcome: a.outcome, reason: a.reason, at: a.at.toISOString() })),
  };
}
