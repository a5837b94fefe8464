import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';

/** Marks all the caller's notifications read. */
export const MarkAllNotificationsRead = defineRequest('notifications.mark-all-read', {
  request: z.strictObject({}),
  answer: z.object({ marked: z.number().int(), unreadCount: z.number().int() }),
});
