import { useState } from 'react';
import { api } from '../api/api-client';
import type { AnswerOf, ListNotifications } from '@alur/contracts';
import { ErrorSummary } from '../components/error-summary';
import { NOTIFICATIONS_CHANGED } from '../components/notification-bell';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from 'react-router';

/**
 * A notification's link as the console's own page for it: a proposal's address (`…/proposals/<id>`) is its page,
 * any other (a verifier's queue, an acting official's inbox) the page it names. Links are written in full for
 * e-mail and SMS; here only their path counts.
 */
function consolePathOf(link: string | null, proposalId: string | null): string | null {
  const proposalPage = proposalId ? `/usulan/${proposalId}` : null;
  if (!link) return proposalPage;
  let url: URL;
  try {
    url = new URL(link, window.location.origin);
  } catch {
    return proposalPage;
  }
  const proposal = /^\/proposals\/([^/]+)$/.exec(url.pathname);
  return proposal ? `/usulan/${proposal[1]}` : `${url.pathname}${url.search}`;
}

/**
 * A message's text as written for every channel, whose last line names the proposal's address: here that
 * address is a link too (it looked like one and could not be tapped), opening the console's page and reading
 * the message, as its title does.
 */
function BodyWithLink({ body, link, path, onOpen }: { body: string; link: string | null; path: string | null; onOpen(): void }) {
  const at = link && path ? body.indexOf(link) : -1;
  if (!link || !path || at < 0) return <>{body}</>;
  return (
    <>
      {body.slice(0, at)}
      <Link to={path} className="notification-link" onClick={onOpen}>
        {link}
      </Link>
      {body.slice(at + link.length)}
    </>
  );
}

/** The in-app inbox, newest first, unread ones marked; opening one (or marking it) reads it; read all at once. */
export function NotificationsPage() {
  const { t, dateTime, language } = useI18n();
  // In the language the console is shown in, which may not be the one the reader's messages are sent in.
  const { data, error, reload } = useLoad(
    () => api<AnswerOf<typeof ListNotifications>>('GET', '/notifications', { query: { pageSize: 50, language } }),
    [language],
  );
  const [actionError, setActionError] = useState<unknown>();
  const changed = () => {
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
    reload();
  };
  const run = (work: Promise<unknown>) => work.then(changed, setActionError);

  return (
    <section>
      <div className="page-title">
        <h1>
          {t.notificationsTitle}{' '}
          {data && data.unreadCount > 0 && <span className="badge badge-info">{t.unreadCount(data.unreadCount)}</span>}
        </h1>
        <div className="actions">
          <Link to="/notifikasi/pengaturan" className="button secondary">
            {t.navPreferences}
          </Link>
          {data && data.unreadCount > 0 && (
            <button type="button" className="button secondary" onClick={() => void run(api('POST', '/notifications/read-all'))}>
              {t.markAllRead}
            </button>
          )}
        </div>
      </div>
      <ErrorSummary error={error ?? actionError} />
      {data && data.items.length === 0 && <p>{t.notificationsEmpty}</p>}
      <ul className="notifications" aria-label={t.notificationsTitle}>
        {data?.items.map((n) => {
          const path = consolePathOf(n.link, n.proposalId);
          const markRead = () => void run(api('POST', `/notifications/${n.id}/read`));
          // Opening the message, by its title or its address, reads it.
          const open = () => !n.readAt && markRead();
          return (
            <li key={n.id} className={`card notification${n.readAt ? '' : ' unread'}`} data-testid="notification">
              <h2>
                {!n.readAt && <span className="visually-hidden">{t.unread}: </span>}
                {path ? (
                  <Link to={path} onClick={open}>
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
              </h2>
              <p className="notification-body">
                <BodyWithLink body={n.body} link={n.link} path={path} onOpen={open} />
              </p>
              <p className="muted">
                <time dateTime={n.createdAt}>{dateTime(n.createdAt)}</time>
              </p>
              {!n.readAt && (
                <button type="button" className="button link" onClick={markRead}>
                  {t.markRead}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
