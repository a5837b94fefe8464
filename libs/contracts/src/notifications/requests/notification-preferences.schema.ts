import { z } from 'zod';
import { NOTIFICATION_CATEGORIES, NOTIFICATION_LANGUAGES, type NotificationCategory } from './notification-channels';

// Apart from the schemas, so that the console's preferences form does not bring zod along.
export * from './notification-channels';

const CATEGORY_DESCRIPTIONS: Record<NotificationCategory, string> = {
  STATUS: 'Submitted, approved at a stage, returned, rejected, approved, delayed, withdrawn, completed',
  TASK: 'A stage waiting for your decision; an overdue decision below you',
  REMINDER: 'Reminders of waiting decisions',
  FUNDS: 'Budget committed or awaited, tranches ready or released',
};

/** One category's channels as a change: any of them, in-app only as `true` (it cannot be switched off). */
export const ChannelTogglesUpdateSchema = z.strictObject({
  inApp: z
    .literal(true, { error: 'in-app notifications cannot be switched off' })
    .optional()
    .describe('The in-app inbox cannot be switched off'),
  email: z.boolean().optional(),
  sms: z.boolean().optional().describe('Needs a phone number and an SMS gateway configured by the operator'),
  whatsapp: z.boolean().optional().describe('Needs a phone number and an SMS/WhatsApp gateway configured by the operator'),
});

/** One category's channels as the client sees them: in-app always on. */
const ChannelTogglesViewSchema = z.object({ inApp: z.literal(true), email: z.boolean(), sms: z.boolean(), whatsapp: z.boolean() });

const perCategory = <T extends z.ZodType>(schema: (category: NotificationCategory) => T) =>
  Object.fromEntries(NOTIFICATION_CATEGORIES.map((category) => [category, schema(category)])) as Record<NotificationCategory, T>;

/** A change of the caller's preferences: only what is sent changes. */
export const NotificationPreferencesUpdateSchema = z.strictObject({
  language: z.enum(NOTIFICATION_LANGUAGES).optional(),
  /** Officials only (checked by the service, which knows the caller's role). */
  digest: z.boolean().optional().describe('Officials only: reminders by e-mail/SMS once a day instead of one message each'),
  channels: z
    .strictObject(perCategory((category) => ChannelTogglesUpdateSchema.optional().describe(CATEGORY_DESCRIPTIONS[category])))
    .optional(),
});
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdateSchema>;

/** Preferences as the client sees them: in-app shown as always on, and which channels can reach the user at all. */
export const NotificationPreferencesViewSchema = z.object({
  language: z.enum(NOTIFICATION_LANGUAGES),
  digest: z.boolean(),
  channels: z.object(perCategory(() => ChannelTogglesViewSchema)),
  available: z.object({ email: z.boolean(), sms: z.boolean(), whatsapp: z.boolean() }),
});
export type NotificationPreferencesView = z.infer<typeof NotificationPreferencesViewSchema>;
