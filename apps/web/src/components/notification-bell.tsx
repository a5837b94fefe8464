import { useEffect, useState } from 'react';
import { api } from '../api/api-client';
import type { AnswerOf, ListNotifications } from '@alur/contracts';
import { useI18n } from '../i18n/i18n';
import { Link } from 'react-router';

/** Fired after the reader marks notifications read, so the bell counts again at once. */
export const NOTIFICATIONS_CHANGED = 'alur:notifications-changed';
const POLL_MS = 15_000;

/** The bell in the header with the number of unread notifications; it opens the inbox. */
export function NotificationBell() {
  const { t } = useI18n();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      api<AnswerOf<typeof ListNotifications>>('GET', '/notifications', { query: { pageSize: 1 } })
        .then((page) => alive && setUnread(page.unreadCount))
        .catch(() => undefined);
    void refresh();
    const timer = setInterval(refresh, POLL_MS);
    window.addEventListener(NOTIFICATIONS_CHANGED, refresh);
    window.addEventListener('focus', refresh);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(NOTIFICATIONS_CHANGED, refresh);
      window.removeEventListener('focus', refresh);
    };
  }, []);
  return (
    <Link to="/notifikasi" className="bell" aria-label={t.unreadCount(unread)} title={t.navNotifications}>
      <svg aria-hidden="true" viewBox="0 0 24 24" width="22" height="22">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread > 0 && (
        <span className="bell-count" data-testid="unread-count">
          {unread}
        </span>
      )}
    </Link>
  );
}
