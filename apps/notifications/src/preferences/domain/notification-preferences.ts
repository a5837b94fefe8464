import { decidesStages, InvalidInputError, NotificationPreferencesUpdate, RefusalCode, Role } from '@alur/contracts';
import { ExternalChannel, Language, NOTIFICATION_CATEGORIES, NotificationCategory } from '../../messages/domain/notification-kind';

export type ChannelToggles = Record<ExternalChannel, boolean>;

/** A user's choices; the in-app inbox is not among them because it cannot be switched off. */
export interface NotificationPreferences {
  language: Language;
  /** Reminders by e-mail/SMS/WhatsApp once a day instead of one message each (officials only). */
  digest: boolean;
  channels: Record<NotificationCategory, ChannelToggles>;
}

/** What is stored: only what the user changed, so that new defaults reach everyone else. */
export interface StoredPreferences {
  language: Language | null;
  digest: boolean;
  channels: Partial<Record<NotificationCategory, Partial<ChannelToggles>>>;
}

/** E-mail on, SMS and WhatsApp off until the user asks for them (they cost the regency money). */
export const DEFAULT_TOGGLES: ChannelToggles = { email: true, sms: false, whatsapp: false };

export function effectivePreferences(stored: StoredPreferences | null, userLanguage: Language): NotificationPreferences {
  const channels = Object.fromEntries(
    NOTIFICATION_CATEGORIES.map((category) => [category, { ...DEFAULT_TOGGLES, ...(stored?.channels[category] ?? {}) }]),
  ) as Record<NotificationCategory, ChannelToggles>;
  return { language: stored?.language ?? userLanguage, digest: stored?.digest ?? false, channels };
}

/**
 * Merges a change into what was stored. The change's shape (known languages, categories and channels,
 * in-app never off) is the contract's (UpdateNotificationPreferences), checked before this runs; the
 * rule that needs the caller's role is checked here (400 naming the field).
 */
export function applyPreferencesUpdate(
  stored: StoredPreferences | null,
  update: NotificationPreferencesUpdate,
  role: Role,
): StoredPreferences {
  if (update.digest && !decidesStages(role)) {
    throw new InvalidInputError([
      {
        field: 'digest',
        reason: `only officials who decide stages receive reminders; ${role} cannot choose a digest`,
        code: RefusalCode.DigestNotForRole,
      },
    ]);
  }
  const channels: StoredPreferences['channels'] = { ...(stored?.channels ?? {}) };
  for (const category of NOTIFICATION_CATEGORIES) {
    const change = update.channels?.[category];
    if (!change) continue;
    const { inApp: _alwaysOn, ...external } = change;
    channels[category] = { ...(channels[category] ?? {}), ...external };
  }
  return {
    language: update.language ?? stored?.language ?? null,
    digest: update.digest ?? stored?.digest ?? false,
    channels,
  };
}
