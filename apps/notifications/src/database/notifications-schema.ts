import { CreateNotificationsTables1765000000001 } from './migrations/create-notifications-tables.migration';

/** The notifications service's migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const NOTIFICATIONS_MIGRATIONS = [CreateNotificationsTables1765000000001];
