import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { pageQuery, pageWithSliceOf, queryBoolean } from '../../requests/request-fields';
import { NotificationItemSchema } from './notification-item.schema';

/** The caller's in-app notifications, newest first, in their language, with how many are unread. */
export const ListNotifications = defineRequest('notifications.list-inbox', {
  request: z.strictObject({
    ...pageQuery({ defaultPageSize: 20, maxPageSize: 100, acceptsLimitOffset: true }),
    /** Only notifications not read yet. */
    unreadOnly: queryBoolean.default(false),
  }),
  answer: pageWithSliceOf(NotificationItemSchema).extend({
    /** Of all the caller's notifications, not only this page's. */
    unreadCount: z.number().int(),
  }),
});
