import { FormEvent, useEffect, useState } from 'react';
import { api } from '../api/api-client';
import {
  decidesStages,
  EXTERNAL_CHANNELS,
  NOTIFICATION_CATEGORIES,
  type NotificationLanguage,
  type NotificationPreferencesView as Preferences,
  type RequestInputOf,
  type UpdateNotificationPreferences,
} from '@alur/contracts';
import { useSession } from '../auth/session';
import { ErrorSummary } from '../components/error-summary';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';

/** The kinds of message only the officials who decide stages receive: new tasks, escalations, reminders. */
const OFFICIALS_CATEGORIES = new Set(['TASK', 'REMINDER']);

/**
 * Language, daily digest and channels per kind of message; the in-app inbox is always on. The digest and
 * the kinds of message about stages to decide are offered to the officials who decide them only: nobody
 * else receives them (the service refuses a digest for anyone else).
 */
export function PreferencesPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const decides = user ? decidesStages(user.role) : false;
  const categories = NOTIFICATION_CATEGORIES.filter((c) => decides || !OFFICIALS_CATEGORIES.has(c));
  const { data, error } = useLoad(() => api<Preferences>('GET', '/notifications/preferences'), []);
  const [prefs, setPrefs] = useState<Preferences>();
  const [saveError, setSaveError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => setPrefs(data), [data]);
  const channelLabel = { email: t.channelEmail, sms: t.channelSms, whatsapp: t.channelWhatsapp };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!prefs) return;
    setSaved(false);
    setSaveError(undefined);
    try {
      const channels = Object.fromEntries(
        NOTIFICATION_CATEGORIES.map((c) => [c, Object.fromEntries(EXTERNAL_CHANNELS.map((ch) => [ch, prefs.channels[c][ch]]))]),
      );
      const change: RequestInputOf<typeof UpdateNotificationPreferences> = { language: prefs.language, digest: prefs.digest, channels };
      setPrefs(await api<Preferences>('PUT', '/notifications/preferences', { body: change }));
      setSaved(true);
    } catch (e) {
      setSaveError(e);
    }
  };

  return (
    <section>
      <h1>{t.preferencesTitle}</h1>
      <ErrorSummary error={error ?? saveError} />
      {saved && (
        <p role="status" className="notice ok">
          {t.preferencesSaved}
        </p>
      )}
      {prefs && (
        <form onSubmit={save} className="card">
          <div className="field">
            <label htmlFor="pref-language">{t.prefLanguage}</label>
            <select
              id="pref-language"
              value={prefs.language}
              onChange={(e) => setPrefs({ ...prefs, language: e.target.value as NotificationLanguage })}
            >
              <option value="id">Bahasa Indonesia</option>
              <option value="en">English</option>
            </select>
          </div>
          {decides && (
            <div className="field checkbox">
              <input
                id="pref-digest"
                type="checkbox"
                checked={prefs.digest}
                onChange={(e) => setPrefs({ ...prefs, digest: e.target.checked })}
              />
              <label htmlFor="pref-digest">{t.prefDigest}</label>
            </div>
          )}
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col" />
                  <th scope="col">{t.channelInApp}</th>
                  {EXTERNAL_CHANNELS.map((ch) => (
                    <th scope="col" key={ch}>
                      {channelLabel[ch]} {!prefs.available[ch] && <small className="muted">{t.notAvailable}</small>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {categories.map((c) => (
                  <tr key={c}>
                    <th scope="row">{t.prefCategory[c]}</th>
                    <td>
                      <input type="checkbox" checked disabled aria-label={`${t.prefCategory[c]} · ${t.channelInApp}`} />
                    </td>
                    {EXTERNAL_CHANNELS.map((ch) => (
                      <td key={ch}>
                        <input
                          type="checkbox"
                          aria-label={`${t.prefCategory[c]} · ${channelLabel[ch]}`}
                          checked={prefs.channels[c][ch]}
                          disabled={!prefs.available[ch]}
                          onChange={(e) =>
                            setPrefs({ ...prefs, channels: { ...prefs.channels, [c]: { ...prefs.channels[c], [ch]: e.target.checked } } })
                          }
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" className="button primary">
            {t.save}
          </button>
        </form>
      )}
    </section>
  );
}
