import { ExternalChannel, NotificationCategory } from '../messages/notification-kind';
import { NotificationPreferences } from './notification-preferences';

/** Preferences as the client sees them: in-app shown as always on, and which channels can reach the user at all. */
export interface PreferencesView {
  language: NotificationPreferences['language'];
  digest: boolean;
  channels: Record<NotificationCategory, { inApp: true } & Record<ExternalChannel, boolean>>;
  available: Record<ExternalChannel, boolean>;
}

export function preferencesViewOf(prefs: NotificationPreferences, available: Record<ExternalChannel, boolean>): PreferencesView {
  const channels = Object.fromEntries(
    Object.entries(prefs.channels).map(([category, toggles]) => [category, { inApp: true as const, ...toggles }]),
  ) as PreferencesView['channels'];
  return { language: prefs.language, digest: prefs.digest, channels, available };
}
