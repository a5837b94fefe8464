import { ReactElement, useEffect } from 'react';
import { Role } from './api/types';
import { DASHBOARD_ROLES, homeOf, OFFICIAL_ROLES, useSession } from './auth/session';
import { Layout } from './components/layout';
import { useI18n } from './i18n/i18n';
import { CeilingsPage } from './pages/ceilings.page';
import { DashboardPage } from './pages/dashboard.page';
import { InboxPage } from './pages/inbox.page';
import { LoginPage } from './pages/login.page';
import { MyProposalsPage } from './pages/my-proposals.page';
import { NotificationsPage } from './pages/notifications.page';
import { PreferencesPage } from './pages/preferences.page';
import { ProposalDetailPage } from './pages/proposal-detail.page';
import { ProposalFormPage } from './pages/proposal-form.page';
import { ReleasesPage } from './pages/releases.page';
import { TransparencyPage } from './pages/transparency.page';
import { navigate, useLocation } from './router';

const EVERYONE: readonly Role[] = ['BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN'];

interface Route {
  pattern: RegExp;
  roles: readonly Role[];
  render(params: string[]): ReactElement;
}

/** The console's pages by path (Indonesian paths: the console speaks Indonesian first). */
const ROUTES: Route[] = [
  { pattern: /^\/usulan$/, roles: ['BKM'], render: () => <MyProposalsPage /> },
  { pattern: /^\/usulan\/baru$/, roles: ['BKM'], render: () => <ProposalFormPage /> },
  { pattern: /^\/usulan\/([0-9a-f-]{36})\/ubah$/, roles: ['BKM'], render: ([id]) => <ProposalFormPage key={id} proposalId={id} /> },
  { pattern: /^\/usulan\/([0-9a-f-]{36})$/, roles: EVERYONE, render: ([id]) => <ProposalDetailPage key={id} id={id} /> },
  { pattern: /^\/kotak-masuk$/, roles: OFFICIAL_ROLES, render: () => <InboxPage /> },
  { pattern: /^\/pencairan$/, roles: ['BPKAD'], render: () => <ReleasesPage /> },
  { pattern: /^\/pagu$/, roles: ['BPKAD', 'ADMIN'], render: () => <CeilingsPage /> },
  { pattern: /^\/dasbor$/, roles: DASHBOARD_ROLES, render: () => <DashboardPage /> },
  { pattern: /^\/notifikasi$/, roles: EVERYONE, render: () => <NotificationsPage /> },
  { pattern: /^\/notifikasi\/pengaturan$/, roles: EVERYONE, render: () => <PreferencesPage /> },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

export function App() {
  const { path } = useLocation();
  const { user, checking } = useSession();
  const { t } = useI18n();

  // Move focus to the page on navigation, so screen readers announce the new page.
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [path]);

  if (path === '/transparansi') {
    return (
      <Layout>
        <TransparencyPage />
      </Layout>
    );
  }
  if (checking) return <p aria-live="polite">{t.loading}</p>;
  if (!user) {
    return <Layout>{path === '/masuk' ? <LoginPage /> : <Redirect to="/masuk" />}</Layout>;
  }
  if (path === '/' || path === '/masuk') return <Redirect to={homeOf(user)} />;
  // Links in e-mail, SMS and WhatsApp messages name a proposal's page in English.
  const messageLink = /^\/proposals\/([0-9a-f-]{36})$/.exec(path);
  if (messageLink) return <Redirect to={`/usulan/${messageLink[1]}`} />;
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (match && route.roles.includes(user.role)) return <Layout>{route.render(match.slice(1))}</Layout>;
  }
  return <Redirect to={homeOf(user)} />;
}
