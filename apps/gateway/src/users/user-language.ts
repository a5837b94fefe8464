/** Languages a user can read notifications and messages in; Bahasa Indonesia unless they choose English. */
export const USER_LANGUAGES = ['id', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];
