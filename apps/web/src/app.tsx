import { ComponentType, createElement, lazy, ReactNode, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation, useParams } from 'react-router';
import { AUDIT_READING_ROLES, BUDGET_READING_ROLES, DECIDING_ROLES, REGENCY_OVERVIEW_ROLES, ROLES, type Role } from '@alur/contracts';
import { homeOf, PROPOSAL_LIST_ROLES, useSession } from './auth/session';
import { Layout } from './components/layout';
import { useI18n } from './i18n/i18n';
import { afterLoginPath, loginPathFor } from './lib/return-path';
import { LoginPage } from './pages/login.page';
import { NotFoundPage } from './pages/not-found.page';

type LazyPage = ReturnType<typeof lazy<ComponentType<any>>> & { preload(): void; pageName: string };

/**
 * A page loaded only when it is first shown, so the first visit downloads the shell and the login page
 * alone. `preload` fetches it early, e.g. while the kept session is still being checked.
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K): LazyPage {
  let loading: Promise<{ default: ComponentType<any> }> | undefined;
  const start = () => (loading ??= load().then((module) => ({ default: module[name] })));
  return Object.assign(lazy(start), { preload: () => void start(), pageName: name });
}
const CeilingsPage = page(() => import('./pages/ceilings.page'), 'CeilingsPage');
const DashboardPage = page(() => import('./pages/dashboard.page'), 'DashboardPage');
const EvaluationPage = page(() => import('./pages/evaluation.page'), 'EvaluationPage');
const InboxPage = page(() => import('./pages/inbox.page'), 'InboxPage');
const MyProposalsPage = page(() => import('./pages/my-proposals.page'), 'MyProposalsPage');
const ProposalListPage = page(() => import('./pages/proposal-list.page'), 'ProposalListPage');
const NotificationsPage = page(() => import('./pages/notifications.page'), 'NotificationsPage');
const PreferencesPage = page(() => import('./pages/preferences.page'), 'PreferencesPage');
const PasswordPage = page(() => import('./pages/password.page'), 'PasswordPage');
const ProposalDetailPage = page(() => import('./pages/proposal-detail.page'), 'ProposalDetailPage');
const ProposalFormPage = page(() => import('./pages/proposal-form.page'), 'ProposalFormPage');
const ReleasesPage = page(() => import('./pages/releases.page'), 'ReleasesPage');
const TransparencyPage = page(() => import('./pages/transparency.page'), 'TransparencyPage');
const VerificationPage = page(() => import('./pages/verification.page'), 'VerificationPage');
const FiscalYearPage = page(() => import('./pages/fiscal-year.page'), 'FiscalYearPage');
const AdminUsersPage = page(() => import('./pages/admin/admin-users.page'), 'AdminUsersPage');
const AdminProgrammesPage = page(() => import('./pages/admin/admin-programmes.page'), 'AdminProgrammesPage');
const AdminActingPage = page(() => import('./pages/admin/admin-acting.page'), 'AdminActingPage');
const AdminHolidaysPage = page(() => import('./pages/admin/admin-holidays.page'), 'AdminHolidaysPage');
const AdminDeliveriesPage = page(() => import('./pages/admin/admin-deliveries.page'), 'AdminDeliveriesPage');
const AdminAuditPage = page(() => import('./pages/admin/admin-audit.page'), 'AdminAuditPage');
const AdminProposalAuditPage = page(() => import('./pages/admin/admin-proposal-audit.page'), 'AdminProposalAuditPage');
const AuditIntegrityPage = page(() => import('./pages/admin/audit-integrity.page'), 'AuditIntegrityPage');

const EVERYONE: readonly Role[] = ROLES;

function Loading() {
  const { t } = useI18n();
  return <p aria-live="polite">{t.loading}</p>;
}

/**
 * Sends the reader on to `to`, saying meanwhile that the page is loading. A bare `<Navigate>` draws nothing until the
 * navigation commits: once the next page's code is on its way its own boundary (ownBoundary) says it is loading, but
 * until then the page stood empty (50–80 ms after a login here; before pages had boundaries of their own, the 1–2 s
 * of the page's code on a weak phone line).
 */
function Redirect({ to }: { to: string }) {
  return (
    <>
      <Navigate to={to} replace />
      <Loading />
    </>
  );
}

/**
 * A page for logged-in users of some roles: anyone else is sent to log in first and brought back here
 * afterwards; a user of another role is told the page is not theirs.
 */
function Restricted({ roles, page, children }: { roles: readonly Role[]; page: LazyPage; children: ReactNode }) {
  const { user, checking } = useSession();
  const location = useLocation();
  // On a slow link the page's code comes while the session is checked, not after.
  if (checking) page.preload();
  if (checking) return <Loading />;
  if (!user) return <Redirect to={loginPathFor(location)} />;
  if (!roles.includes(user.role)) return <NotFoundPage />;
  return <>{children}</>;
}

function LoginRoute() {
  const { user, checking } = useSession();
  const location = useLocation();
  if (checking) return <Loading />;
  if (user) return <Redirect to={afterLoginPath(location.search) ?? homeOf(user)} />;
  return <LoginPage />;
}

function HomeRoute() {
  const { user, checking } = useSession();
  if (checking) return <Loading />;
  return <Redirect to={user ? homeOf(user) : '/masuk'} />;
}

/** Links in e-mail, SMS and WhatsApp messages name a proposal's page in English (`/proposals/<id>`). */
function MessageLink() {
  const { id } = useParams();
  return <Redirect to={`/usulan/${id}`} />;
}

function ProposalDetailRoute() {
  const { id = '' } = useParams();
  return <ProposalDetailPage key={id} id={id} />;
}

function ProposalAuditRoute() {
  const { id = '' } = useParams();
  return <AdminProposalAuditPage key={id} id={id} />;
}

function ProposalEditRoute() {
  const { id = '' } = useParams();
  return <ProposalFormPage key={id} proposalId={id} />;
}

/** Moves focus to the page on navigation, so screen readers announce the new page. */
function FocusOnNavigation() {
  const { pathname } = useLocation();
  useEffect(() => {
    document.getElementById('main')?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}

/**
 * A page in a Suspense boundary of its own, keyed by the page, so that moving to a page whose code has not come yet
 * shows the loading line at once. Under one boundary for every route, the router's transition kept the page being
 * left on screen, with no sign that anything was happening, until the next page's code had come.
 */
function ownBoundary(page: LazyPage, element: ReactNode): ReactNode {
  return (
    <Suspense key={page.pageName} fallback={<Loading />}>
      {element}
    </Suspense>
  );
}

/** The console's pages by path (Indonesian paths: the console speaks Indonesian first). */
export function App() {
  const only = (roles: readonly Role[], page: LazyPage, element: ReactNode = createElement(page)) =>
    ownBoundary(
      page,
      <Restricted roles={roles} page={page}>
        {element}
      </Restricted>,
    );
  return (
    <Layout>
      <FocusOnNavigation />
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/" element={<HomeRoute />} />
          <Route path="/masuk" element={<LoginRoute />} />
          <Route path="/transparansi" element={ownBoundary(TransparencyPage, <TransparencyPage />)} />
          <Route path="/proposals/:id" element={<MessageLink />} />
          <Route path="/usulan" element={only(['BKM'], MyProposalsPage)} />
          <Route path="/usulan/baru" element={only(['BKM'], ProposalFormPage)} />
          <Route path="/usulan/:id/ubah" element={only(['BKM'], ProposalFormPage, <ProposalEditRoute />)} />
          <Route path="/usulan/:id" element={only(EVERYONE, ProposalDetailPage, <ProposalDetailRoute />)} />
          <Route path="/daftar-usulan" element={only(PROPOSAL_LIST_ROLES, ProposalListPage)} />
          <Route path="/kotak-masuk" element={only(DECIDING_ROLES, InboxPage)} />
          <Route path="/pencairan" element={only(['BPKAD'], ReleasesPage)} />
          <Route path="/pagu" element={only(BUDGET_READING_ROLES, CeilingsPage)} />
          <Route path="/tahun-anggaran" element={only(BUDGET_READING_ROLES, FiscalYearPage)} />
          <Route path="/verifikasi" element={only(['VERIFIKATOR'], VerificationPage)} />
          <Route path="/dasbor" element={only(REGENCY_OVERVIEW_ROLES, DashboardPage)} />
          <Route path="/evaluasi" element={only(REGENCY_OVERVIEW_ROLES, EvaluationPage)} />
          <Route path="/notifikasi" element={only(EVERYONE, NotificationsPage)} />
          <Route path="/notifikasi/pengaturan" element={only(EVERYONE, PreferencesPage)} />
          <Route path="/kata-sandi" element={only(EVERYONE, PasswordPage)} />
          <Route path="/admin/pengguna" element={only(['ADMIN'], AdminUsersPage)} />
          <Route path="/admin/program" element={only(['ADMIN'], AdminProgrammesPage)} />
          <Route path="/admin/plt-plh" element={only(['ADMIN'], AdminActingPage)} />
          <Route path="/admin/hari-libur" element={only(['ADMIN'], AdminHolidaysPage)} />
          <Route path="/admin/pengiriman" element={only(['ADMIN'], AdminDeliveriesPage)} />
          <Route path="/admin/jejak-audit" element={only(AUDIT_READING_ROLES, AdminAuditPage)} />
          <Route path="/admin/jejak-audit/usulan/:id" element={only(AUDIT_READING_ROLES, AdminProposalAuditPage, <ProposalAuditRoute />)} />
          <Route path="/admin/jejak-audit/keutuhan" element={only(AUDIT_READING_ROLES, AuditIntegrityPage)} />
          <Route path="*" element={<NotFoundPage />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
