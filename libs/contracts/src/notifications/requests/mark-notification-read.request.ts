import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { NotificationItemSchema } from './notification-item.schema';

/** Marks one of the caller's notifications read (404 for anyone else's); reading twice keeps the first time. */
export const MarkNotificationRead = defineRequest('notifications.mark-read', {
  request: z.strictObject({ id: Uuid }),
  answer: NotificationItemSchema.extend({ unreadCount: z.number().int() }),
});
