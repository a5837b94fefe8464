import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { ROLES, Role } from '@alur/contracts';
import { createTestIsolation, expectEventually, removeTestResources, TINY_PNG } from '@alur/testing';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU, DEMO_PROGRAMMES } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, BKM_ACCOUNT, kotakuDraft, MANDAU, OTHER_MANDAU_VILLAGE, PINGGIR } from '../proposals/proposal-fixtures';
import { RunningSystem, startSystem } from '../web/console-harness';

/**
 * The BOLA/BFLA matrix: every route the gateway serves has a row saying who may call it, and each
 * is called anonymously, by every demo role of the proposal's own region and by the regional roles
 * of another village and kecamatan, against fixtures in several states (a draft, a proposal in
 * review, a funded one with a released tranche and a progress report, uploads, a notification).
 * Expected: 401 without a token; 403 for a role the row does not name; 404 for another region's
 * object (as for one that does not exist, so existence does not leak); for the others neither of
 * those nor a 5xx. A route without a row fails the test, so a new route cannot escape it.
 */

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
const REGENCY_READERS: Role[] = ['DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN', 'INSPEKTORAT'];
/** Who reads the ceilings and the carry-over; the audit trails: the inspectorate with them, never the accounts' administration. */
const BUDGET_READERS: Role[] = ['BPKAD', 'ADMIN', 'INSPEKTORAT'];
const AUDIT_READERS: Role[] = ['ADMIN', 'INSPEKTORAT'];
const EVERYONE: Role[] = [...ROLES];

interface Caller {
  username: string;
  role: Role;
  /** A regional account of another village or kecamatan than the fixtures'. */
  foreign: boolean;
}

/** Every role of the fixtures' region (Balik Alam, kecamatan Mandau, the regency), and the regional roles of elsewhere. */
const CALLERS: Caller[] = [
  ...(
    [
      [`bkm.${BALIK_ALAM}`, 'BKM'],
      [`lurah.${BALIK_ALAM}`, 'LURAH'],
      [`camat.${MANDAU}`, 'CAMAT'],
      [`verifikator.${MANDAU}`, 'VERIFIKATOR'],
      ['verifikator', 'VERIFIKATOR'],
      ['dinas', 'DINAS'],
      ['sekda', 'SEKDA'],
      ['bupati', 'BUPATI'],
      ['bpkad', 'BPKAD'],
      ['admin', 'ADMIN'],
      ['inspektorat', 'INSPEKTORAT'],
    ] as const
  ).map(([username, role]) => ({ username, role, foreign: false })),
  ...(
    [
      [`bkm.${OTHER_MANDAU_VILLAGE}`, 'BKM'],
      [`lurah.${OTHER_MANDAU_VILLAGE}`, 'LURAH'],
      [`camat.${PINGGIR}`, 'CAMAT'],
      [`verifikator.${PINGGIR}`, 'VERIFIKATOR'],
    ] as const
  ).map(([username, role]) => ({ username, role, foreign: true })),
];

interface Fixtures {
  draftId: string;
  draftVersion: number;
  toSubmitId: string;
  toWithdrawId: string;
  inReviewId: string;
  openStageId: string;
  fundedId: string;
  disbursementId: string;
  reportId: string;
  photoId: string;
  photoUrl: string;
  /** A photo of the other village's BKM. */
  foreignPhotoUrl: string;
  documentId: string;
  lurahNotificationId: string;
  deliveryId: string;
  /** A BKM account the administrator may change. */
  userId: string;
  /** A dead letter of the gateway's own spine (an event it could not read). */
  deadLetterId: string;
}

interface Request {
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** multipart/form-data instead of JSON. */
  form?: () => FormData;
}

interface Row {
  /** `METHOD /path/{param}`, as the OpenAPI document names the operation. */
  route: string;
  /** Who passes: 'public' needs no token; otherwise the roles that may call it. */
  who: 'public' | Role[];
  /**
   * Whose object the route acts on: 'region' for the fixtures' village (another region's
   * allowed roles get 404), 'owner' for the fixture user's own (everyone else gets 404).
   */
  scope?: 'region' | { owner: string };
  /**
   * How another region's caller is refused on a 'region' row: 404 (default) for an object that
   * exists, 403 for creating something in a village that is not theirs (nothing exists to hide).
   */
  foreignRefusal?: 403 | 404;
  /** The service, not the gateway, checks the role (after finding the object): another region's caller of any role gets 404. */
  serviceChecksRole?: boolean;
  request(f: Fixtures, caller: Caller | null): Request;
  /** Answers other than 401/403/404 for an allowed caller, when the fixture cannot be otherwise (said why). */
  allowedAnswer?: number;
  /** Runs after every other row, since it changes what the callers can do (logout). */
  last?: boolean;
}

const json = (path: string, body?: unknown, headers?: Record<string, string>): Request => ({ path, body, headers });
const upload = (name: string, file: Buffer, type: string) => () => {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)], { type }), name);
  return form;
};
const spmBody = (f: Fixtures) => ({
  sp2dNumber: `${f.disbursementId.slice(0, 8)}-2/SP2D/LS/${DEMO_FISCAL_YEAR}`,
  bankAccount: BKM_ACCOUNT,
});

const ROWS: Row[] = [
  // Open to everyone: the load balancer's probe, the service status, logging in, the public transparency page.
  { route: 'GET /health', who: 'public', request: () => json('/health') },
  { route: 'GET /api/v1/system/status', who: 'public', request: () => json('/api/v1/system/status') },
  { route: 'GET /api/v1/system/ping/{service}', who: 'public', request: () => json('/api/v1/system/ping/proposals') },
  // Nest's handler of paths no route takes: a browser asking for a console page gets its index.html.
  { route: 'ALL {/*splat}', who: 'public', request: () => json('/usulan', undefined, { accept: 'text/html' }) },
  {
    route: 'POST /api/v1/auth/login',
    who: 'public',
    request: (f, caller) => json('/api/v1/auth/login', { username: caller?.username ?? `bkm.${BALIK_ALAM}`, password: DEMO_PASSWORD }),
  },
  {
    route: 'GET /api/v1/public/transparency',
    who: 'public',
    request: () => json(`/api/v1/public/transparency?fiscalYear=${DEMO_FISCAL_YEAR}`),
  },
  {
    route: 'GET /api/v1/public/transparency/csv',
    who: 'public',
    request: () => json(`/api/v1/public/transparency/csv?fiscalYear=${DEMO_FISCAL_YEAR}`),
  },
  {
    route: 'GET /api/v1/public/transparency/xlsx',
    who: 'public',
    request: () => json(`/api/v1/public/transparency/xlsx?fiscalYear=${DEMO_FISCAL_YEAR}`),
  },
  {
    route: 'GET /api/v1/public/transparency/proposals/{id}/progress',
    who: 'public',
    request: (f) => json(`/api/v1/public/transparency/proposals/${f.fundedId}/progress`),
  },
  // Reads run before the verification row accepts the fixture's report: a photo of a report not yet accepted is not public.
  {
    route: 'GET /api/v1/public/transparency/photos/{id}',
    who: 'public',
    request: (f) => json(`/api/v1/public/transparency/photos/${f.photoId}`),
    allowedAnswer: 404,
  },

  // Anyone logged in, for themselves or filtered to their region.
  { route: 'GET /api/v1/me', who: EVERYONE, request: () => json('/api/v1/me') },
  // A wrong current password: refused with 400 for anyone logged in, and nothing changes (a change would end the session).
  {
    route: 'PUT /api/v1/auth/password',
    who: EVERYONE,
    request: () => json('/api/v1/auth/password', { currentPassword: 'bukan-sandi-ini', newPassword: 'sandi-baru-uji-2026' }),
  },
  { route: 'POST /api/v1/auth/logout', who: EVERYONE, request: () => json('/api/v1/auth/logout', {}), last: true },
  { route: 'GET /api/v1/proposals', who: EVERYONE, request: () => json('/api/v1/proposals') },
  { route: 'GET /api/v1/proposals/csv', who: EVERYONE, request: () => json('/api/v1/proposals/csv') },
  { route: 'GET /api/v1/proposals/xlsx', who: EVERYONE, request: () => json('/api/v1/proposals/xlsx') },
  { route: 'GET /api/v1/programmes', who: EVERYONE, request: () => json('/api/v1/programmes') },
  { route: 'GET /api/v1/regions', who: EVERYONE, request: () => json('/api/v1/regions?within=14.03') },
  { route: 'GET /api/v1/programmes/{code}', who: EVERYONE, request: () => json(`/api/v1/programmes/${DEMO_KOTAKU}`) },
  { route: 'GET /api/v1/disbursements', who: EVERYONE, request: () => json('/api/v1/disbursements') },
  { route: 'GET /api/v1/disbursements/csv', who: EVERYONE, request: () => json('/api/v1/disbursements/csv') },
  { route: 'GET /api/v1/disbursements/xlsx', who: EVERYONE, request: () => json('/api/v1/disbursements/xlsx') },
  { route: 'GET /api/v1/progress-reports', who: EVERYONE, request: () => json('/api/v1/progress-reports') },
  { route: 'GET /api/v1/approvals/inbox', who: EVERYONE, request: () => json('/api/v1/approvals/inbox') },
  { route: 'GET /api/v1/approvals/acting-appointments', who: EVERYONE, request: () => json('/api/v1/approvals/acting-appointments') },
  { route: 'GET /api/v1/approvals/holidays', who: EVERYONE, request: () => json(`/api/v1/approvals/holidays?year=${DEMO_FISCAL_YEAR}`) },
  { route: 'GET /api/v1/notifications', who: EVERYONE, request: () => json('/api/v1/notifications') },
  { route: 'POST /api/v1/notifications/read-all', who: EVERYONE, request: () => json('/api/v1/notifications/read-all', {}) },
  { route: 'GET /api/v1/notifications/preferences', who: EVERYONE, request: () => json('/api/v1/notifications/preferences') },
  {
    route: 'PUT /api/v1/notifications/preferences',
    who: EVERYONE,
    request: () => json('/api/v1/notifications/preferences', { channels: { STATUS: { email: true } } }),
  },

  // One notification: its recipient's only.
  {
    route: 'POST /api/v1/notifications/{id}/read',
    who: EVERYONE,
    scope: { owner: `lurah.${BALIK_ALAM}` },
    request: (f) => json(`/api/v1/notifications/${f.lurahNotificationId}/read`, {}),
  },

  // Proposals of a village.
  {
    route: 'POST /api/v1/proposals',
    who: ['BKM'],
    scope: 'region',
    foreignRefusal: 403,
    request: () => json('/api/v1/proposals', kotakuDraft()),
  },
  { route: 'GET /api/v1/proposals/{id}', who: EVERYONE, scope: 'region', request: (f) => json(`/api/v1/proposals/${f.draftId}`) },
  {
    route: 'PATCH /api/v1/proposals/{id}',
    who: ['BKM'],
    scope: 'region',
    request: (f) => json(`/api/v1/proposals/${f.draftId}`, { title: 'Semenisasi Jalan Gang Damai II', version: f.draftVersion }),
  },
  {
    route: 'POST /api/v1/proposals/{id}/submit',
    who: ['BKM'],
    scope: 'region',
    request: (f) => json(`/api/v1/proposals/${f.toSubmitId}/submit`, {}),
  },
  {
    route: 'POST /api/v1/proposals/{id}/withdraw',
    who: ['BKM'],
    scope: 'region',
    request: (f) => json(`/api/v1/proposals/${f.toWithdrawId}/withdraw`, {}),
  },
  {
    route: 'GET /api/v1/approvals/proposals/{proposalId}/stages',
    who: EVERYONE,
    scope: 'region',
    request: (f) => json(`/api/v1/approvals/proposals/${f.inReviewId}/stages`),
  },
  // The open stage is the Lurah's: only the Lurah of the village (or whoever acts for them) decides it.
  {
    route: 'POST /api/v1/approvals/{stageId}/decision',
    who: ['LURAH'],
    scope: 'region',
    serviceChecksRole: true,
    request: (f) => json(`/api/v1/approvals/${f.openStageId}/decision`, { decision: 'APPROVE' }),
  },
  {
    route: 'POST /api/v1/proposals/{id}/progress-reports',
    who: ['BKM'],
    scope: 'region',
    // Each BKM attaches a photo of their own village, so that only the proposal's village decides.
    request: (f, caller) =>
      json(`/api/v1/proposals/${f.fundedId}/progress-reports`, {
        physicalProgressPercent: 20,
        amountSpent: 20_000_000,
        note: 'Kemajuan fisik 20%',
        photos: [{ url: caller?.foreign ? f.foreignPhotoUrl : f.photoUrl }],
      }),
  },
  {
    route: 'GET /api/v1/proposals/{id}/progress-reports',
    who: EVERYONE,
    scope: 'region',
    request: (f) => json(`/api/v1/proposals/${f.fundedId}/progress-reports`),
  },
  {
    route: 'POST /api/v1/progress-reports/{reportId}/verification',
    who: ['VERIFIKATOR'],
    scope: 'region',
    request: (f) => json(`/api/v1/progress-reports/${f.reportId}/verification`, { decision: 'ACCEPTED' }),
  },
  {
    route: 'POST /api/v1/uploads/photos',
    who: ['BKM'],
    request: () => ({ path: '/api/v1/uploads/photos', form: upload('foto.png', TINY_PNG, 'image/png') }),
  },
  { route: 'GET /api/v1/uploads/photos/{id}', who: EVERYONE, scope: 'region', request: (f) => json(`/api/v1/uploads/photos/${f.photoId}`) },
  {
    route: 'POST /api/v1/uploads/documents',
    who: ['BKM'],
    request: () => ({ path: '/api/v1/uploads/documents', form: upload('ded.pdf', PDF, 'application/pdf') }),
  },
  {
    route: 'GET /api/v1/uploads/documents/{id}',
    who: EVERYONE,
    scope: 'region',
    request: (f) => json(`/api/v1/uploads/documents/${f.documentId}`),
  },

  // BPKAD's treasury work (regency-wide).
  { route: 'GET /api/v1/budgets', who: BUDGET_READERS, request: () => json(`/api/v1/budgets?year=${DEMO_FISCAL_YEAR}`) },
  {
    route: 'PUT /api/v1/budgets/{programCode}/{fiscalYear}/{regionCode}',
    who: ['BPKAD'],
    request: () => json(`/api/v1/budgets/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/${PINGGIR}`, { amount: 500_000_000 }),
  },
  {
    route: 'POST /api/v1/disbursements/{id}/tranches/{n}/spm',
    who: ['BPKAD'],
    request: (f) => json(`/api/v1/disbursements/${f.disbursementId}/tranches/2/spm`, spmBody(f), { 'Idempotency-Key': randomUUID() }),
  },
  {
    route: 'POST /api/v1/disbursements/{id}/tranches/{n}/spm/return',
    who: ['BPKAD'],
    request: (f) => json(`/api/v1/disbursements/${f.disbursementId}/tranches/2/spm/return`, { reason: 'Nomor rekening tidak sesuai' }),
  },
  {
    route: 'POST /api/v1/disbursements/{id}/tranches/{n}/release',
    who: ['BPKAD'],
    request: (f) =>
      json(
        `/api/v1/disbursements/${f.disbursementId}/tranches/2/release`,
        { sp2dNumber: spmBody(f).sp2dNumber, releasedAt: new Date().toISOString() },
        { 'Idempotency-Key': randomUUID() },
      ),
  },
  // Next year, so that this year's releases stay open.
  {
    route: 'PUT /api/v1/fiscal-years/{fiscalYear}/closing',
    who: ['BPKAD'],
    request: () =>
      json(`/api/v1/fiscal-years/${DEMO_FISCAL_YEAR + 1}/closing`, { releasesCloseAt: `${DEMO_FISCAL_YEAR + 1}-12-20T23:59:59+07:00` }),
  },
  {
    route: 'GET /api/v1/fiscal-years/{fiscalYear}/carry-over',
    who: BUDGET_READERS,
    request: () => json(`/api/v1/fiscal-years/${DEMO_FISCAL_YEAR}/carry-over`),
  },

  // The regency's overview.
  { route: 'GET /api/v1/dashboard', who: REGENCY_READERS, request: () => json('/api/v1/dashboard') },
  {
    route: 'GET /api/v1/evaluations/{programCode}/{fiscalYear}',
    who: REGENCY_READERS,
    request: () => json(`/api/v1/evaluations/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}`),
  },
  {
    route: 'GET /api/v1/evaluations/{programCode}/{fiscalYear}/csv',
    who: REGENCY_READERS,
    request: () => json(`/api/v1/evaluations/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/csv`),
  },
  {
    route: 'GET /api/v1/evaluations/{programCode}/{fiscalYear}/xlsx',
    who: REGENCY_READERS,
    request: () => json(`/api/v1/evaluations/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/xlsx`),
  },
  {
    route: 'GET /api/v1/evaluations/{programCode}/{fiscalYear}/pdf',
    who: REGENCY_READERS,
    request: () => json(`/api/v1/evaluations/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/pdf`),
  },

  // Administration.
  { route: 'GET /api/v1/users', who: ['ADMIN'], request: () => json('/api/v1/users') },
  {
    route: 'POST /api/v1/users',
    who: ['ADMIN'],
    request: () =>
      json('/api/v1/users', {
        username: `bkm.matrix.${randomUUID().slice(0, 8)}`,
        password: 'matrix-password-1',
        role: 'BKM',
        regionCode: BALIK_ALAM,
        displayName: 'BKM Matriks',
        email: 'matrix@demo.alur.test',
      }),
  },
  {
    route: 'PATCH /api/v1/users/{id}',
    who: ['ADMIN'],
    request: (f) => json(`/api/v1/users/${f.userId}`, { role: 'BKM', regionCode: BALIK_ALAM, active: true }),
  },
  {
    route: 'POST /api/v1/programmes',
    who: ['ADMIN'],
    request: () =>
      json('/api/v1/programmes', {
        ...structuredClone(DEMO_PROGRAMMES.find((p) => p.code === DEMO_KOTAKU)!),
        code: `KOTAKU-${DEMO_FISCAL_YEAR + 1}`,
      }),
  },
  {
    route: 'POST /api/v1/programmes/{code}/versions/{version}/publish',
    who: ['ADMIN'],
    request: () => json(`/api/v1/programmes/${DEMO_KOTAKU}/versions/1/publish`, {}),
  },
  {
    route: 'POST /api/v1/approvals/acting-appointments',
    who: ['ADMIN'],
    request: () =>
      json('/api/v1/approvals/acting-appointments', {
        actingUsername: 'sekda',
        forUsername: 'bupati',
        validFrom: `${DEMO_FISCAL_YEAR + 1}-03-02T00:00:00+07:00`,
        validUntil: `${DEMO_FISCAL_YEAR + 1}-03-16T00:00:00+07:00`,
      }),
  },
  // The fixtures hold no appointment in force: the administrator reaches the service, which finds none to end.
  {
    route: 'POST /api/v1/approvals/acting-appointments/{id}/end',
    who: ['ADMIN'],
    request: () => json(`/api/v1/approvals/acting-appointments/${randomUUID()}/end`, {}),
    allowedAnswer: 404,
  },
  {
    route: 'POST /api/v1/approvals/holidays',
    who: ['ADMIN'],
    request: () => json('/api/v1/approvals/holidays', { date: `${DEMO_FISCAL_YEAR + 1}-03-20`, name: 'Cuti bersama (uji matriks)' }),
  },
  // The day the row above added: the administrator takes it off the calendar again.
  {
    route: 'DELETE /api/v1/approvals/holidays/{date}',
    who: ['ADMIN'],
    request: () => json(`/api/v1/approvals/holidays/${DEMO_FISCAL_YEAR + 1}-03-20`),
  },
  { route: 'GET /api/v1/notifications/deliveries', who: ['ADMIN'], request: () => json('/api/v1/notifications/deliveries?status=sent') },
  {
    route: 'GET /api/v1/notifications/deliveries/{id}',
    who: ['ADMIN'],
    request: (f) => json(`/api/v1/notifications/deliveries/${f.deliveryId}`),
  },
  {
    route: 'POST /api/v1/notifications/deliveries/{id}/retry',
    who: ['ADMIN'],
    request: (f) => json(`/api/v1/notifications/deliveries/${f.deliveryId}/retry`, {}),
  },
  { route: 'GET /api/v1/system/spine', who: ['ADMIN'], request: () => json('/api/v1/system/spine') },
  // Who changed what, in a domain service's trail (over NATS) and in the gateway's own.
  { route: 'GET /api/v1/audit', who: AUDIT_READERS, request: () => json('/api/v1/audit?context=approvals&action=working-calendar.') },
  {
    route: 'GET /api/v1/audit/csv',
    who: AUDIT_READERS,
    request: () => json('/api/v1/audit/csv?context=approvals&action=working-calendar.'),
  },
  {
    route: 'GET /api/v1/audit/proposals/{proposalId}',
    who: AUDIT_READERS,
    request: (f) => json(`/api/v1/audit/proposals/${f.inReviewId}`),
  },
  { route: 'POST /api/v1/audit/verification', who: AUDIT_READERS, request: () => json('/api/v1/audit/verification', {}) },
  {
    route: 'GET /api/v1/audit/proposals/{proposalId}/csv',
    who: AUDIT_READERS,
    request: (f) => json(`/api/v1/audit/proposals/${f.inReviewId}/csv`),
  },
  { route: 'POST /api/v1/admin/queues/session', who: ['ADMIN'], request: () => json('/api/v1/admin/queues/session', {}) },
  { route: 'GET /ops/spine', who: ['ADMIN'], request: () => json('/ops/spine') },
  { route: 'GET /ops/dead-letters', who: ['ADMIN'], request: () => json('/ops/dead-letters') },
  // Replayed first (it still cannot be read: 409), then skipped.
  { route: 'POST /ops/dead-letters/{id}/replay', who: ['ADMIN'], request: (f) => json(`/ops/dead-letters/${f.deadLetterId}/replay`, {}) },
  { route: 'POST /ops/dead-letters/{id}/skip', who: ['ADMIN'], request: (f) => json(`/ops/dead-letters/${f.deadLetterId}/skip`, {}) },
];

type Expected = 'granted' | 401 | 403 | 404;

function expectedFor(row: Row, caller: Caller | null): Expected {
  if (row.who === 'public') return 'granted';
  if (!caller) return 401;
  if (row.scope === 'region' && caller.foreign && row.serviceChecksRole) return 404;
  if (!row.who.includes(caller.role)) return 403;
  if (row.scope === 'region' && caller.foreign) return row.foreignRefusal ?? 404;
  if (typeof row.scope === 'object' && caller.username !== row.scope.owner) return 404;
  return 'granted';
}

/** At most `limit` requests at a time: the machine is shared, and the system runs in this process. */
async function inBatches<T, R>(items: T[], limit: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index]);
      }
    }),
  );
  return results;
}

describe('who may call which route, for which region (BOLA/BFLA matrix)', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  const tokens: Record<string, string> = {};
  let fixtures: Fixtures;

  const call = async (method: string, request: Request, token?: string) => {
    const headers: Record<string, string> = { ...(request.headers ?? {}) };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: FormData | string | undefined;
    if (request.form) body = request.form();
    else if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    const response = await fetch(`${system.url}${request.path}`, { method, headers, body });
    return { status: response.status, text: await response.text() };
  };
  const ok = async (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => {
    const { status, text } = await call(method, { path, body, headers }, token);
    if (status >= 300) throw new Error(`${method} ${path} answered ${status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };

  beforeAll(async () => {
    system = await startSystem(isolation);
    for (const { username } of CALLERS) {
      tokens[username] = (await ok('POST', '/api/v1/auth/login', '', { username, password: DEMO_PASSWORD })).accessToken;
    }
    tokens['bpkad.kuasa-bud'] = (
      await ok('POST', '/api/v1/auth/login', '', { username: 'bpkad.kuasa-bud', password: DEMO_PASSWORD })
    ).accessToken;
    fixtures = await makeFixtures();
  });
  afterAll(async () => {
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  /** The fixtures, all of Balik Alam: proposals as a draft, submitted, in review and funded with a released tranche and a report. */
  async function makeFixtures(): Promise<Fixtures> {
    const bkm = tokens[`bkm.${BALIK_ALAM}`];
    const draft = await ok('POST', '/api/v1/proposals', bkm, kotakuDraft());
    const toSubmit = await ok('POST', '/api/v1/proposals', bkm, kotakuDraft());
    const [toWithdraw, inReview, funded] = await Promise.all(
      [0, 1, 2].map(async () => {
        const proposal = await ok('POST', '/api/v1/proposals', bkm, kotakuDraft());
        await ok('POST', `/api/v1/proposals/${proposal.id}/submit`, bkm, {});
        return proposal.id as string;
      }),
    );
    await ok('PUT', `/api/v1/budgets/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/${MANDAU}`, tokens.bpkad, { amount: 1_000_000_000 });
    const openStage = async (proposalId: string, role: Role) =>
      expectEventually(async () => {
        const stages = await ok('GET', `/api/v1/approvals/proposals/${proposalId}/stages`, bkm);
        const open = stages.find((s: { status: string }) => s.status === 'OPEN');
        expect(open).toMatchObject({ role });
        return open.stageId as string;
      });
    const chain: Array<[Role, string]> = [
      ['LURAH', `lurah.${BALIK_ALAM}`],
      ['CAMAT', `camat.${MANDAU}`],
      ['DINAS', 'dinas'],
      ['SEKDA', 'sekda'],
      ['BUPATI', 'bupati'],
    ];
    for (const [role, username] of chain) {
      await ok('POST', `/api/v1/approvals/${await openStage(funded, role)}/decision`, tokens[username], { decision: 'APPROVE' });
    }
    const openStageId = await openStage(inReview, 'LURAH');
    const disbursement = await expectEventually(
      async () => {
        const { items } = await ok('GET', `/api/v1/disbursements?proposalId=${funded}`, tokens.bpkad);
        expect(items).toMatchObject([{ tranches: [{ status: 'READY' }, {}, {}] }]);
        return items[0];
      },
      { timeoutMs: 30_000 },
    );
    const uploadAs = async (kind: 'photos' | 'documents', token = bkm) => {
      const form = kind === 'photos' ? upload('foto.png', TINY_PNG, 'image/png')() : upload('ded.pdf', PDF, 'application/pdf')();
      const response = await fetch(`${system.url}/api/v1/uploads/${kind}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: form,
      });
      expect(response.status).toBe(201);
      return (await response.json()) as { id: string; url: string };
    };
    const photo = await uploadAs('photos');
    const sp2dNumber = `${disbursement.id.slice(0, 8)}-1/SP2D/LS/${DEMO_FISCAL_YEAR}`;
    const tranche1 = `/api/v1/disbursements/${disbursement.id}/tranches/1`;
    await ok(
      'POST',
      `${tranche1}/spm`,
      tokens.bpkad,
      { ...spmBody({ disbursementId: disbursement.id } as Fixtures), sp2dNumber },
      { 'Idempotency-Key': randomUUID() },
    );
    await ok(
      'POST',
      `${tranche1}/release`,
      tokens['bpkad.kuasa-bud'],
      { sp2dNumber, releasedAt: new Date().toISOString() },
      { 'Idempotency-Key': randomUUID() },
    );
    const report = await ok('POST', `/api/v1/proposals/${funded}/progress-reports`, bkm, {
      physicalProgressPercent: 10,
      amountSpent: 10_000_000,
      note: 'Kemajuan fisik 10%',
      photos: [{ url: photo.url }],
    });

    const lurahNotificationId = await expectEventually(async () => {
      const { items } = await ok('GET', '/api/v1/notifications', tokens[`lurah.${BALIK_ALAM}`]);
      expect(items.length).toBeGreaterThan(0);
      return items[0].id as string;
    });
    const deliveryId = await expectEventually(async () => {
      // Sent when a mail catcher listens on SMTP_URL, retrying when none does: either is an e-mail delivery.
      const pages = await Promise.all(
        ['sent', 'retrying', 'failed'].map((status) => ok('GET', `/api/v1/notifications/deliveries?status=${status}`, tokens.admin)),
      );
      const items = pages.flatMap((page: { items: Array<{ id: string }> }) => page.items);
      expect(items.length).toBeGreaterThan(0);
      return items[0].id;
    });
    // The gateway consumes few events; a dead letter of its own is made as the spine makes one of an unreadable message.
    const [deadLetter] = (await system.gateway.get(DataSource).query(
      `INSERT INTO inbound_event (dedupe_key, subject, aggregate_key, stream_created, stream_seq, data, status, attempts, last_error, dead_at)
       VALUES ($1, $2, 'unknown:matrix', now(), 1, $3, 'dead', 1, 'not JSON', now()) RETURNING id`,
      [`matrix-${randomUUID()}`, `${isolation.env.NATS_SUBJECT_PREFIX}.identity.unreadable.v1`, Buffer.from('not json')],
    )) as Array<{ id: string }>;
    return {
      deadLetterId: String(deadLetter.id),
      draftId: draft.id,
      draftVersion: draft.version,
      toSubmitId: toSubmit.id,
      toWithdrawId: toWithdraw,
      inReviewId: inReview,
      openStageId,
      fundedId: funded,
      disbursementId: disbursement.id,
      reportId: report.id ?? report.report?.id,
      photoId: photo.id,
      photoUrl: photo.url,
      foreignPhotoUrl: (await uploadAs('photos', tokens[`bkm.${OTHER_MANDAU_VILLAGE}`])).url,
      documentId: (await uploadAs('documents')).id,
      lurahNotificationId,
      deliveryId,
      userId: (
        await ok('POST', '/api/v1/users', tokens.admin, {
          username: `bkm.matrix.patch.${randomUUID().slice(0, 8)}`,
          password: 'matrix-password-1',
          role: 'BKM',
          regionCode: BALIK_ALAM,
          displayName: 'BKM Matriks (diubah)',
        })
      ).id,
    };
  }

  it('has a row for every route the gateway serves, and none for a route it does not', async () => {
    const document = JSON.parse((await call('GET', { path: '/api/docs-json' })).text) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Nest's router as Express holds it: a route left out of the OpenAPI document is still found.
    const router = (
      system.gateway.getHttpAdapter().getInstance() as {
        router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
      }
    ).router;
    const served = router.stack
      .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
      .flatMap(({ route }) => {
        const path = route!.path.replace(/:(\w+)/g, '{$1}');
        // A route for every method (app.all) is one row.
        const methods = Object.keys(route!.methods);
        return methods.length > 10 ? [`ALL ${path}`] : methods.map((method) => `${method.toUpperCase()} ${path}`);
      });
    const rows = ROWS.map((row) => row.route);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...new Set([...documented, ...served])].sort()).toEqual([...rows].sort());
  });

  it('answers 401, 403 and 404 exactly where the matrix says, grants the rest, and shows no other region anything of the fixtures', async () => {
    const fixtureIds = Object.entries(fixtures)
      .filter(([key]) => key.endsWith('Id'))
      .map(([, id]) => String(id));
    const method = (row: Row) => (row.route.startsWith('ALL ') ? 'GET' : row.route.split(' ')[0]);
    const run = async (row: Row, caller: Caller | null) => {
      const request = row.request(fixtures, caller);
      const { status, text } = await call(method(row), request, caller ? tokens[caller.username] : undefined);
      const expected = expectedFor(row, caller);
      const answered: Expected | number =
        expected === 'granted' && (status === row.allowedAnswer || (status < 500 && ![401, 403, 404].includes(status)))
          ? 'granted'
          : status;
      // Whatever another region's caller is answered, it names none of the fixtures but those it asked
      // about (public rows are public by design).
      const asked = JSON.stringify(request);
      const leaked = caller?.foreign && row.who !== 'public' ? fixtureIds.filter((id) => text.includes(id) && !asked.includes(id)) : [];
      return {
        route: row.route,
        caller: caller?.username ?? 'anonymous',
        expected,
        answered,
        leaked,
        ...(answered === expected ? {} : { text: text.slice(0, 200) }),
      };
    };
    const callers: Array<Caller | null> = [null, ...CALLERS];
    const cells = ROWS.filter((row) => !row.last).flatMap((row) => callers.map((caller) => ({ row, caller })));
    // Refusals first, in parallel: they change nothing, so the granted calls then find the fixtures as made.
    const refused = cells.filter(({ row, caller }) => expectedFor(row, caller) !== 'granted');
    const granted = cells.filter(({ row, caller }) => expectedFor(row, caller) === 'granted');
    // Reads granted in parallel too; writes one after another, in the rows' order.
    const results = [
      ...(await inBatches(refused, 6, ({ row, caller }) => run(row, caller))),
      ...(await inBatches(
        granted.filter(({ row }) => method(row) === 'GET'),
        6,
        ({ row, caller }) => run(row, caller),
      )),
    ];
    for (const { row, caller } of granted.filter(({ row }) => method(row) !== 'GET')) results.push(await run(row, caller));
    for (const row of ROWS.filter((r) => r.last)) for (const caller of callers) results.push(await run(row, caller));

    const wrong = results
      .filter((r) => r.answered !== r.expected || r.leaked.length > 0)
      .map(
        (r) =>
          `${r.route} as ${r.caller}: expected ${r.expected}, answered ${r.answered}${r.leaked.length ? ` naming ${r.leaked.join(', ')}` : ''} ${r.text ?? ''}`,
      );
    expect(wrong).toEqual([]);
    expect(results.length).toBe(ROWS.length * callers.length);
    expect(results.filter((r) => r.expected === 'granted').length).toBeGreaterThan(ROWS.length);
  });

  it('keeps the administrator’s replay and skip of a dead letter on the gateway’s audit trail', async () => {
    const history = await system.gateway.get(AuditTrail).history('dead-letter', fixtures.deadLetterId);
    expect(history.map((r) => [r.action, r.actor?.username, r.actor?.role])).toEqual([
      ['dead-letter.replay-failed', 'admin', 'ADMIN'],
      ['dead-letter.skipped', 'admin', 'ADMIN'],
    ]);
  });
});
