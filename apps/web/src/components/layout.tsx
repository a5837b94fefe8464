import { ReactNode, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { AUDIT_READING_ROLES, BUDGET_READING_ROLES, decidesStages, isOneOf, REGENCY_OVERVIEW_ROLES, type Role } from '@alur/contracts';
import { PROPOSAL_LIST_ROLES, useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { Language } from '../i18n/messages';
import { NotificationBell } from './notification-bell';

/** The menu of a role: the pages its work starts from, then those of the role groups it is in (as the routes admit them). */
function navOf(role: Role, t: ReturnType<typeof useI18n>['t']): Array<[string, string]> {
  const items: Array<[string, string]> = [];
  if (role === 'BKM') items.push(['/usulan', t.navProposals], ['/usulan/baru', t.navNewProposal]);
  if (decidesStages(role)) items.push(['/kotak-masuk', t.navInbox]);
  if (isOneOf(role, PROPOSAL_LIST_ROLES)) items.push(['/daftar-usulan', t.navProposalList]);
  if (role === 'BPKAD') items.push(['/pencairan', t.navReleases]);
  if (role === 'VERIFIKATOR') items.push(['/verifikasi', t.navVerification]);
  if (role === 'ADMIN') {
    items.push(
      ['/admin/pengguna', t.navUsers],
      ['/admin/program', t.navProgrammes],
      ['/admin/plt-plh', t.navActing],
      ['/admin/hari-libur', t.navHolidays],
      ['/admin/pengiriman', t.navDeliveries],
    );
  }
  if (isOneOf(role, AUDIT_READING_ROLES)) items.push(['/admin/jejak-audit', t.navAudit]);
  if (isOneOf(role, BUDGET_READING_ROLES)) items.push(['/pagu', t.navCeilings], ['/tahun-anggaran', t.navFiscalYear]);
  if (isOneOf(role, REGENCY_OVERVIEW_ROLES)) items.push(['/dasbor', t.navDashboard], ['/evaluasi', t.navEvaluation]);
  items.push(['/notifikasi', t.navNotifications], ['/transparansi', t.navTransparency]);
  return items;
}

export function LanguageSwitch() {
  const { language, setLanguage, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t.language}>
      {(['id', 'en'] as Language[]).map((lang) => (
        <button key={lang} type="button" aria-pressed={language === lang} onClick={() => setLanguage(lang)} lang={lang}>
          {lang === 'id' ? 'ID' : 'EN'}
        </button>
      ))}
    </div>
  );
}

/**
 * The top of the page on paper, hidden on screen: its address, for whoever holds the paper to find the proposal
 * again, and who printed it when (the time is taken as the browser prepares to print, not when the page opened).
 */
function PrintHeader() {
  const { user } = useSession();
  const { t, dateTime } = useI18n();
  const { pathname, search } = useLocation();
  const [printedAt, setPrintedAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    // Synchronously: the browser lays the page out for printing as soon as its listeners return.
    const stamp = () => flushSync(() => setPrintedAt(new Date().toISOString()));
    window.addEventListener('beforeprint', stamp);
    return () => window.removeEventListener('beforeprint', stamp);
  }, []);
  const at = dateTime(printedAt);
  return (
    <div className="print-header" data-testid="print-header">
      <p>
        <strong>{t.appName}</strong> · {t.tagline}
      </p>
      <p>{t.printedFrom(`${window.location.origin}${pathname}${search}`)}</p>
      <p>{user ? t.printedBy(`${user.displayName} (${t.roles[user.role]})`, at) : t.printedAt(at)}</p>
    </div>
  );
}

/** The frame of every page: skip link, header with navigation, bell, language and logout; then the page. */
export function Layout({ children }: { children: ReactNode }) {
  const { user, checking, logout } = useSession();
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <PrintHeader />
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand">
            {t.appName}
          </Link>
          <div className="header-tools">
            {user && <NotificationBell />}
            <LanguageSwitch />
            {/* A visitor of a public page (transparency, a page not found) finds the way in; the login page needs none. */}
            {!user && !checking && pathname !== '/masuk' && (
              <Link to="/masuk" className="button link">
                {t.login}
              </Link>
            )}
            {user && (
              <button
                type="button"
                className="button link"
                onClick={() => {
                  logout();
                  void navigate('/masuk');
                }}
              >
                {t.logout}
              </button>
            )}
          </div>
        </div>
        {user && (
          <>
            <p className="who">
              {user.displayName} · {t.roles[user.role]} · <Link to="/kata-sandi">{t.passwordTitle}</Link>
            </p>
            <nav aria-label="Menu">
              <ul>
                {navOf(user.role, t).map(([to, label]) => (
                  <li key={to}>
                    <NavLink to={to} end>
                      {label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          </>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
