/** Apart from the schemas, so that the console's preferences form lists them without zod. */

/** The kinds of message users switch channels on and off for: what happened to a proposal, tasks, reminders, money. */
export const NOTIFICATION_CATEGORIES = ['STATUS', 'TASK', 'REMINDER', 'FUNDS'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Bahasa Indonesia (the default) or English. */
export const NOTIFICATION_LANGUAGES = ['id', 'en'] as const;
export type NotificationLanguage = (typeof NOTIFICATION_LANGUAGES)[number];

/** Channels besides the in-app inbox, which every notification reaches. */
export const EXTERNAL_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];
