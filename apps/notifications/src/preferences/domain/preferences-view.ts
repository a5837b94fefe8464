import type { NotificationPreferencesView } from '@alur/contracts';
import { ExternalChannel } from '../../messages/domain/notification-kind';
import { NotificationPreferences } from './notification-preferences';

/** Preferences as the client sees them: in-app shown as always on, and which channels can reach the user at all (the contracts' NotificationPreferencesView). */
export type PreferencesView = NotificationPreferencesView;

export function preferencesViewOf(prefs: NotificationPreferences, available: Record<ExternalChannel, boolean>): PreferencesView {
  const channels = Object.fromEntries(
    Object.entries(prefs.channels).map(([category, toggles]) => [category, { inApp: true as const, ...toggles }]),
  ) as PreferencesView['channels'];
  return { language: prefs.language, digest: prefs.digest, channels, available };
}
