import { defineRequest } from '../../requests/request-contract';
import { NotificationPreferencesUpdateSchema, NotificationPreferencesViewSchema } from './notification-preferences.schema';

/**
 * The caller changes their language, digest choice or channels; the in-app inbox cannot be switched
 * off. The change is on the audit trail. Answers the preferences as they now are.
 */
export const UpdateNotificationPreferences = defineRequest('notifications.update-preferences', {
  request: NotificationPreferencesUpdateSchema,
  answer: NotificationPreferencesViewSchema,
});
