import { z } from 'zod';
import { EXTERNAL_CHANNELS } from './notification-preferences.schema';

/** Where a delivery (one message to one recipient on one channel) stands. */
export const NOTIFICATION_DELIVERY_STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;
export type NotificationDeliveryStatus = (typeof NOTIFICATION_DELIVERY_STATUSES)[number];

/** One delivery of the log as operators see it. */
export const DeliveryViewSchema = z.object({
  id: z.string(),
  recipient: z.object({ userId: z.string(), username: z.string().nullable() }),
  channel: z.enum(EXTERNAL_CHANNELS),
  kind: z.string(),
  address: z.string(),
  subject: z.string(),
  status: z.enum(NOTIFICATION_DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
});
export type DeliveryView = z.infer<typeof DeliveryViewSchema>;

/** One delivery with every attempt: queued, sent, or failed with the reason. */
export const DeliveryDetailSchema = DeliveryViewSchema.extend({
  history: z.array(z.object({ attempt: z.number().int(), outcome: z.string(), reason: z.string().nullable(), at: z.iso.datetime() })),
});
export type DeliveryDetail = z.infer<typeof DeliveryDetailSchema>;
