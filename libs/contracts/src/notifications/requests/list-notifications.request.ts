import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { limitOffsetQuery, queryBoolean } from '../../requests/request-fields';
import { NotificationItemSchema } from './notification-item.schema';

/** The caller's in-app notifications, newest first, in their language, with how many are unread. Paged by `limit`/`offset`. */
export const ListNotifications = defineRequest('notifications.list-inbox', {
  request: z.strictObject({
    ...limitOffsetQuery({ defaultLimit: 20, maxLimit: 100 }),
    /** Only notifications not read yet. */
    unreadOnly: queryBoolean.default(false),
  }),
  answer: z.object({
    items: z.array(NotificationItemSchema),
    /** Of all the caller's notifications, not only this page's. */
    unreadCount: z.number().int(),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  }),
});
