import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { pageQuery, pageWithSliceOf, queryBoolean } from '../../requests/request-fields';
import { NOTIFICATION_LANGUAGES } from './notification-channels';
import { NotificationItemSchema } from './notification-item.schema';

/** The caller's in-app notifications, newest first, in their language (or the one asked for), with how many are unread. */
export const ListNotifications = defineRequest('notifications.list-inbox', {
  request: z.strictObject({
    ...pageQuery({ defaultPageSize: 20, maxPageSize: 100, acceptsLimitOffset: true }),
    /** Only notifications not read yet. */
    unreadOnly: queryBoolean.default(false),
    /**
     * The language to read them in, when not the caller's own (their preference, which their e-mail and SMS
     * use): the console asks for the one it is shown in. Every notification is kept in both.
     */
    language: z.enum(NOTIFICATION_LANGUAGES).optional(),
  }),
  answer: pageWithSliceOf(NotificationItemSchema).extend({
    /** Of all the caller's notifications, not only this page's. */
    unreadCount: z.number().int(),
  }),
});
