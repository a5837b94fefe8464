import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import axe from 'axe-core';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import type { BankAccount } from '@alur/contracts';
import { OutboxService } from '@alur/messaging';
import { createServiceApp } from '@alur/platform';
import { RegionDirectory } from '@alur/regions';
import { expectEventually, removeTestResources, TestIsolation } from '@alur/testing';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { DisbursementsModule } from '../../apps/disbursements/src/disbursements.module';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGateway } from '../../apps/gateway/src/http/configure-gateway';
import { findWebConsoleDist } from '../../apps/gateway/src/http/serve-web-console';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { seedDemoUsers } from '../../apps/gateway/src/seed/seed-demo-users';
import { NotificationsModule } from '../../apps/notifications/src/notifications.module';
import { ProposalsModule } from '../../apps/proposals/src/proposals.module';
import { seedDemoProgrammes } from '../../apps/proposals/src/seed/seed-demo-programmes';
import { Browser, launchBrowser } from './console-browser';

export const SCREENSHOTS_DIR = join(__dirname, '../../test-artifacts/web');

/** The rules checked: WCAG 2.1, levels A and AA. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe-core's checks of the page, run in the page itself (the console has no frames). axe is put in the page the
 * first time it is checked, and again only after it navigates: `@axe-core/playwright`, used before, sent its 600 KB
 * source twice a check (once in `analyze`, once more as its legacy mode injects), 0.98 s a check against 0.39 s
 * here over console-story's 17, with the same axe and rules and the same findings.
 */
async function axeViolations(page: Page): Promise<axe.Result[]> {
  // What runs in the page cannot name anything of this file: each function given to it says where axe is itself.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(
    (values) =>
      (window as unknown as { axe: typeof axe }).axe.run(document, { runOnly: { type: 'tag', values } }).then((r) => r.violations),
    WCAG_21_AA,
  );
}

/** Rows of one SQL statement against the isolation's database: what a test checks (or sets up) behind the services. */
export async function queryDatabase<T>(isolation: TestIsolation, sql: string, params: unknown[] = []): Promise<T[]> {
  const db = new Client({ connectionString: isolation.env.DATABASE_URL });
  await db.connect();
  try {
    return (await db.query(sql, params)).rows as T[];
  } finally {
    await db.end();
  }
}

/**
 * A statement on one service's audit trail (`audit_record` in its schema) as a database superuser could run it, past
 * the triggers that refuse a change or removal to everyone else: what the trails' verification must find.
 */
export async function pastAuditTriggers(isolation: TestIsolation, service: string, statement: string): Promise<void> {
  await queryDatabase(
    isolation,
    `DO $$ BEGIN
       SET LOCAL search_path TO "${isolation.env.DB_SCHEMA_PREFIX}${service}";
       ALTER TABLE audit_record DISABLE TRIGGER USER;
       ${statement};
       ALTER TABLE audit_record ENABLE TRIGGER USER;
     END $$`,
  );
}

/**
 * A request to the API as the caller logged in, answering its body; any answer of 300 or more throws, naming it.
 * A FormData body goes as multipart (an upload), anything else as JSON; `token` is the caller's access token.
 */
export type ApiCall = (<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<T>) & {
  token: string;
};

/** Logs `username` in (the demo password, or the one a test gave the account) and answers a way to call the API as them. */
export async function callApiAs(url: string, username: string, password = DEMO_PASSWORD): Promise<ApiCall> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const call = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const multipart = body instanceof FormData;
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { ...(multipart ? {} : { 'content-type': 'application/json' }), authorization: `Bearer ${accessToken}`, ...headers },
      body: body === undefined ? undefined : multipart ? body : JSON.stringify(body),
    });
    const answer = await response.json();
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(answer)}`);
    return answer as T;
  };
  return Object.assign(call, { token: accessToken });
}

/** Each official of the chain, in turn, approves the proposal's open stage through the API. */
export async function approveByChain(url: string, proposalId: string, officials: readonly string[]): Promise<void> {
  for (const username of officials) {
    const official = await callApiAs(url, username);
    const stageId = await expectEventually(async () => {
      const stages = await official<Array<{ stageId: string; status: string }>>('GET', `/approvals/proposals/${proposalId}/stages`);
      const open = stages.find((s) => s.status === 'OPEN');
      expect(open).toBeDefined();
      return open!.stageId;
    });
    await official('POST', `/approvals/${stageId}/decision`, { decision: 'APPROVE' });
  }
}

/** Four eyes, through the API: `bpkad` prepares the tranche's SPM into `bankAccount`, `bpkad.kuasa-bud` authorises its SP2D. */
export async function releaseTranche(
  url: string,
  disbursementId: string,
  trancheNumber: number,
  { sp2dNumber, bankAccount }: { sp2dNumber: string; bankAccount: BankAccount },
): Promise<void> {
  const tranche = `/disbursements/${disbursementId}/tranches/${trancheNumber}`;
  const [preparer, authoriser] = await Promise.all([callApiAs(url, 'bpkad'), callApiAs(url, 'bpkad.kuasa-bud')]);
  await preparer('POST', `${tranche}/spm`, { sp2dNumber, bankAccount }, { 'Idempotency-Key': randomUUID() });
  await authoriser('POST', `${tranche}/release`, { sp2dNumber, releasedAt: new Date().toISOString() }, { 'Idempotency-Key': randomUUID() });
}

type DomainService = 'proposals' | 'approvals' | 'disbursements' | 'notifications';

/** Waits until the approved proposal's first tranche is READY for BPKAD, and answers its disbursement's id. */
export async function firstTrancheReady(url: string, proposalId: string): Promise<string> {
  const bpkad = await callApiAs(url, 'bpkad');
  return expectEventually(
    async () => {
      const { items } = await bpkad<{ items: Array<{ id: string; tranches: Array<{ status: string }> }> }>(
        'GET',
        `/disbursements?proposalId=${proposalId}`,
      );
      expect(items[0]?.tranches[0]?.status).toBe('READY');
      return items[0].id;
    },
    { timeoutMs: 30_000 },
  );
}

export interface RunningSystem {
  url: string;
  /** The gateway's application, for tests that look at its routes. */
  gateway: INestApplication;
  /** Stops one domain service, as a crash or a deployment would, for a test of what the others do without it. */
  stop(service: DomainService): Promise<void>;
  close(): Promise<void>;
}

/**
 * All five services in this process against one isolation, with the demo users and programmes,
 * and the gateway serving the built web console (`npm run build:web`; test.sh builds it first).
 * `overrides` change the environment, e.g. a fixed GATEWAY_PORT with the WEB_CONSOLE_URL that messages link to.
 */
export async function startSystem(isolation: TestIsolation, overrides: NodeJS.ProcessEnv = {}): Promise<RunningSystem> {
  if (!findWebConsoleDist()) throw new Error('apps/web/dist is missing: run `npm run build:web` first');
  const env: NodeJS.ProcessEnv = {
    ...isolation.env,
    GATEWAY_PORT: '0',
    PROPOSALS_PORT: '0',
    APPROVALS_PORT: '0',
    DISBURSEMENTS_PORT: '0',
    NOTIFICATIONS_PORT: '0',
    ...overrides,
  };
  const apps: INestApplication[] = [];
  const services = new Map<DomainService, INestApplication>();
  const closeAll = async () => {
    for (const app of apps.reverse()) await app.close();
  };
  try {
    const start = async (service: DomainService, module: DynamicModule) => {
      const app = await createServiceApp(module, service, { rpc: true });
      apps.push(app);
      services.set(service, app);
      return app;
    };
    const proposals = await start('proposals', ProposalsModule.forRoot(env));
    await start('approvals', ApprovalsModule.forRoot(env));
    const disbursements = await start('disbursements', DisbursementsModule.forRoot(env));
    await start('notifications', NotificationsModule.forRoot(env));
    const gateway = await createServiceApp(GatewayModule.forRoot(env), 'gateway', { configure: configureGateway });
    apps.push(gateway);
    await seedDemoUsers(gateway.get(DataSource), RegionDirectory.shared(), gateway.get(OutboxService));
    const programmes = await seedDemoProgrammes(proposals.get(DataSource), proposals.get(OutboxService), { NODE_ENV: 'test' });
    // BPKAD sets a ceiling against a programme version disbursements has heard of: a test that does so first
    // thing would otherwise race the published programmes' events (404 "has no version for fiscal year").
    await expectEventually(async () => {
      const [{ known }] = await disbursements.get(DataSource).query('SELECT count(*)::int AS known FROM programme_version');
      expect(known).toBeGreaterThanOrEqual(programmes.published.length);
    });
    const stop = async (service: DomainService) => {
      const app = services.get(service)!;
      apps.splice(apps.indexOf(app), 1);
      await app.close();
    };
    return { url: (await gateway.getUrl()).replace('[::1]', '127.0.0.1'), gateway, stop, close: closeAll };
  } catch (error) {
    // A system that did not come up whole is stopped, so the test fails instead of hanging on open services.
    await closeAll();
    throw error;
  }
}

export { DESKTOP, launchBrowser, PHONE } from './console-browser';
export type { Browser } from './console-browser';

/** A spec's console under test: the system and a browser to use it with. */
export interface ConsoleUnderTest {
  system: RunningSystem;
  browser: Browser;
}

/** Starts the system (with `overrides`, as startSystem takes them) and a browser, before a spec's tests. */
export async function openConsole(isolation: TestIsolation, overrides: NodeJS.ProcessEnv = {}): Promise<ConsoleUnderTest> {
  const system = await startSystem(isolation, overrides);
  try {
    return { system, browser: await launchBrowser() };
  } catch (error) {
    await system.close();
    throw error;
  }
}

/** After a spec's tests: closes what openConsole started (none of it, if it failed) and removes the run's data. */
export async function closeConsole(isolation: TestIsolation, running: Partial<ConsoleUnderTest>): Promise<void> {
  await running.browser?.close();
  await running.system?.close();
  await removeTestResources(isolation.id, isolation.env);
}

/**
 * Keeps a screenshot of a page as a test artifact and checks it with axe-core (WCAG 2.1 A and AA):
 * a serious or critical violation fails the test, named with the elements it concerns.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const violations = await axeViolations(page);
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${name}: ${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Keeps a full-page screenshot of a step as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** Logs a demo user (or one a test made, with its password) in through the login page, as a person would. */
export async function logIn(page: Page, url: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${url}/masuk`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill(password);
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await page.getByRole('button', { name: 'Keluar' }).waitFor();
}

/**
 * Holds back the page's requests for the scripts at `pattern` (a page's code, as on a slow line) until `release`:
 * what the console shows meanwhile is what a person on a weak phone line sees.
 */
export async function holdScripts(page: Page, pattern: string): Promise<{ release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

/** What the console is shown of a proposal's approval stages while the approvals service is down. */
export const APPROVAL_STAGES = '**/api/v1/approvals/proposals/*/stages';

/**
 * Answers the page's requests to `pattern` as the gateway does while their service is not running (503:
 * nothing listens for its requests), until `page.unroute(pattern)`.
 */
export async function answerAsServiceDown(page: Page, pattern: string, service: string): Promise<void> {
  await page.route(pattern, (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ statusCode: 503, message: `${service} is not available` }),
    }),
  );
}

/**
 * Reloads the page until `locator()` shows: for what other services do after an event, not at once. Each look
 * waits longer than the one before (2 s, 4 s, up to 8 s), so that a page slow to load on a busy machine is not
 * reloaded again before it could show what it has.
 */
export async function reloadUntilVisible(page: Page, locator: () => ReturnType<Page['locator']>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let look = 1; ; look++) {
    try {
      await locator()
        .first()
        .waitFor({ state: 'visible', timeout: Math.min(2_000 * look, 8_000) });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.reload();
    }
  }
}
