import { ChildProcess, spawn } from 'node:child_process';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Client } from 'pg';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { BALIK_ALAM, kotakuDraft } from '../proposals/proposal-fixtures';

const DIST = join(__dirname, '../../dist/apps');
const SERVICES = ['proposals', 'approvals', 'notifications', 'gateway'] as const;
type Service = (typeof SERVICES)[number];

/** One span as a collector receives it over OTLP/HTTP (JSON), with the service that sent it. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** OTLP span kinds (SpanKind + 1). */
const KIND = { INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;

/**
 * The smallest OTLP/HTTP trace collector: every span the services export, kept in memory, as an
 * operator's collector would receive it. Services run as separate processes, as deployed, so the only
 * way a trace can continue from one to the next is the trace context they carry (NATS headers, the
 * outbox and inbound_event rows, job data).
 */
async function startCollector(): Promise<{ url: string; spans: ReceivedSpan[]; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const request = JSON.parse(body.toString('utf8')) as OtlpTraceRequest;
      for (const resourceSpans of request.resourceSpans ?? []) {
        const service = valuesOf(resourceSpans.resource?.attributes)['service.name'] as string;
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({
              service,
              traceId: span.traceId,
              spanId: span.spanId,
              parentSpanId: span.parentSpanId || undefined,
              name: span.name,
              kind: span.kind,
              attributes: valuesOf(span.attributes),
            });
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string; boolValue?: boolean; doubleValue?: number };
}
interface OtlpTraceRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: Array<{
      spans?: Array<{ traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[] }>;
    }>;
  }>;
}

function valuesOf(attributes: OtlpAttribute[] = []): Record<string, unknown> {
  return Object.fromEntries(
    attributes.map(({ key, value }) => [key, value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue]),
  );
}

/** Runs a built entry point to its end (the demo seeds). */
async function runToEnd(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  const child = spawn(process.execPath, [join(DIST, script)], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${script} exited with ${code}: ${stderr}`);
}

/** Starts a built service and resolves with its URL once it says it listens. */
async function startService(service: Service, env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, [join(DIST, service, 'src/main.js')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (http:\/\/[^,\s"]+)/.exec(output);
      if (listening) resolve(listening[1].replace('[::1]', '127.0.0.1'));
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`${service} exited with ${code} during start-up:\n${output.slice(-3000)}`)));
  });
}

describe('a submission traced across the services (OpenTelemetry, OTLP)', () => {
  const isolation = createTestIsolation();
  const children: ChildProcess[] = [];
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let catcher: MailCatcher;
  let gateway: string;

  beforeAll(async () => {
    collector = await startCollector();
    catcher = new MailCatcher({ smtpPort: 0, httpPort: null });
    const { smtpPort } = await catcher.start();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...isolation.env,
      LOG_LEVEL: 'info',
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.url,
      // Exported within a fraction of a second rather than the default five.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      ...Object.fromEntries(SERVICES.map((service) => [`${service.toUpperCase()}_PORT`, '0'])),
    };
    await runToEnd('gateway/src/seed/seed-demo.main.js', env);
    await runToEnd('proposals/src/seed/seed-demo.main.js', env);
    const urls = await Promise.all(SERVICES.map((service) => startService(service, env, children)));
    gateway = urls[SERVICES.indexOf('gateway')];
  }, 180_000);

  afterAll(async () => {
    await Promise.all(
      children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }),
    );
    await catcher?.stop();
    await collector?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const response = await fetch(`${gateway}/api/v1${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };

  it('shows one trace from the HTTP request through proposals, approvals and notifications to the e-mail sent', async () => {
    const bkmUser = `bkm.${BALIK_ALAM}`;
    const login = await call('POST', '/auth/login', { username: bkmUser, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    const token = login.body.accessToken as string;
    // The notifications service must know the BKM (announced by the gateway's seed) to write to them.
    await expectEventually(async () => expect(await recipientsKnown(isolation.env, bkmUser)).toBe(true), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });

    const draft = await call('POST', '/proposals', kotakuDraft(), token);
    expect(draft.status).toBe(201);
    const submitted = await call('POST', `/proposals/${draft.body.id}/submit`, {}, token);
    expect(submitted.status).toBe(200);

    // What the BKM sees: the e-mail about their submission.
    const mail = await expectEventually(
      async () => {
        const found = catcher.messages.find((m) => m.to.includes(`${bkmUser}@demo.alur.test`));
        expect(found).toBeDefined();
        return found!;
      },
      { timeoutMs: 60_000 },
    );
    const deliveryId = mail.headers['x-alur-delivery-id'];

    // What an operator sees in the tracing backend: that e-mail's sending, in the trace of the HTTP request.
    // Each service exports its spans as they end, in its own time: the trace is read once every span below has come.
    const expected: Array<[service: string, name: string]> = [
      ['gateway', 'rpc proposals.submit'],
      ['proposals', 'rpc proposals.submit'],
      ['proposals', 'outbox record proposals.proposal-submitted.v1'],
      ['proposals', 'publish proposals.proposal-submitted.v1'],
      ['approvals', 'event proposals.proposal-submitted.v1 handle'],
      ['notifications', 'event proposals.proposal-submitted.v1 handle'],
      ['approvals', 'outbox record approvals.approval-stage-opened.v1'],
      ['approvals', 'publish approvals.approval-stage-opened.v1'],
      ['notifications', 'event approvals.approval-stage-opened.v1 handle'],
    ];
    const trace = await expectEventually(
      async () => {
        const http = collector.spans.find((s) => s.name === 'HTTP POST /api/v1/proposals/:id/submit');
        expect(http).toBeDefined();
        const spans = collector.spans.filter((s) => s.traceId === http!.traceId);
        const send = spans.find((s) => s.name === 'email send' && s.attributes['alur.delivery'] === deliveryId);
        expect(send).toBeDefined();
        // The job's span ends (and is exported) only once the delivery's outcome is written, after the send.
        expect(spans.find((s) => s.spanId === send!.parentSpanId)).toBeDefined();
        const missing = expected.filter(([service, name]) => !spans.some((s) => s.service === service && s.name === name));
        expect(missing).toEqual([]);
        return { http: http!, spans };
      },
      { timeoutMs: 30_000 },
    );

    const { spans } = trace;
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect([...new Set(spans.map((s) => s.service))].sort()).toEqual(['approvals', 'gateway', 'notifications', 'proposals']);

    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const one = (service: string, name: string) => {
      const found = spans.filter((s) => s.service === service && s.name === name);
      expect({ service, name, found: found.length }).toEqual({ service, name, found: 1 });
      return found[0];
    };
    const parentOf = (span: ReceivedSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const step = (span: ReceivedSpan) => ({ service: span.service, name: span.name, kind: span.kind });

    // HTTP → RPC (client in the gateway, server in proposals) → outbox → publish.
    expect(trace.http).toMatchObject({ service: 'gateway', kind: KIND.SERVER, parentSpanId: undefined });
    const rpcClient = one('gateway', 'rpc proposals.submit');
    expect(step(parentOf(rpcClient)!)).toEqual(step(trace.http));
    const rpcServer = one('proposals', 'rpc proposals.submit');
    expect(rpcServer.parentSpanId).toBe(rpcClient.spanId);
    expect([rpcClient.kind, rpcServer.kind]).toEqual([KIND.CLIENT, KIND.SERVER]);
    const recorded = one('proposals', 'outbox record proposals.proposal-submitted.v1');
    expect(recorded.parentSpanId).toBe(rpcServer.spanId);
    const published = one('proposals', 'publish proposals.proposal-submitted.v1');
    expect(published).toMatchObject({ parentSpanId: recorded.spanId, kind: KIND.PRODUCER });

    // → each consumer's handling, under the publish whose headers carried the trace.
    const approvalsHandled = one('approvals', 'event proposals.proposal-submitted.v1 handle');
    const notificationsHandled = one('notifications', 'event proposals.proposal-submitted.v1 handle');
    expect([approvalsHandled.parentSpanId, notificationsHandled.parentSpanId]).toEqual([published.spanId, published.spanId]);
    expect(approvalsHandled.kind).toBe(KIND.CONSUMER);

    // → approvals opens the first stage and announces it: notifications handles that too, in the same trace.
    const stageRecorded = one('approvals', 'outbox record approvals.approval-stage-opened.v1');
    expect(stageRecorded.parentSpanId).toBe(approvalsHandled.spanId);
    const stagePublished = one('approvals', 'publish approvals.approval-stage-opened.v1');
    expect(stagePublished.parentSpanId).toBe(stageRecorded.spanId);
    expect(one('notifications', 'event approvals.approval-stage-opened.v1 handle').parentSpanId).toBe(stagePublished.spanId);

    // → the first attempt at the BKM's e-mail, under the handling that planned it, and the sending.
    const sent = spans.find((s) => s.name === 'email send' && s.attributes['alur.delivery'] === deliveryId)!;
    const attempt = parentOf(sent)!;
    expect(step(attempt)).toEqual({ service: 'notifications', name: 'deliver', kind: KIND.INTERNAL });
    expect([attempt.attributes['alur.delivery'], Number(attempt.attributes['alur.attempt'])]).toEqual([deliveryId, 1]);
    expect(step(parentOf(attempt)!)).toEqual(step(notificationsHandled));
    expect(parentOf(attempt)!.spanId).toBe(notificationsHandled.spanId);
  });
});

/** Whether the notifications service has heard of the user (from the gateway's UserSaved event). */
async function recipientsKnown(env: NodeJS.ProcessEnv, username: string): Promise<boolean> {
  const db = new Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const rows = await db.query(`SELECT 1 FROM "${env.DB_SCHEMA_PREFIX}notifications".recipient WHERE username = $1`, [username]);
    return rows.rowCount === 1;
  } catch {
    return false; // the schema is not migrated yet
  } finally {
    await db.end();
  }
}
