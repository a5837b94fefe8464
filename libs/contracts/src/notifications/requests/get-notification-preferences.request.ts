import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { NotificationPreferencesViewSchema } from './notification-preferences.schema';

/** The caller's language, digest choice and channels per kind of message. */
export const GetNotificationPreferences = defineRequest('notifications.get-preferences', {
  request: z.strictObject({}),
  answer: NotificationPreferencesViewSchema,
});
