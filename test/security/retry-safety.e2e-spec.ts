import { randomUUID } from 'node:crypto';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { Client } from 'pg';
import { baseEnvSchema, parseEnv } from '@alur/config';
import { Actor } from '@alur/contracts';
import { callerAssertionKey, rpcSubject, signCallerAssertion } from '@alur/messaging';
import { createTestIsolation, expectEventually, removeTestResources, TINY_PNG } from '@alur/testing';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { BALIK_ALAM, kotakuDraft, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import { RunningSystem, startSystem } from '../web/console-harness';

/** How long the gateway waits for a service here: short, so that a 504 can be made on purpose. */
const RPC_TIMEOUT_MS = 3_000;

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

describe('every write safe to retry: an Idempotency-Key makes a repeated request answer, not act, again', () => {
  const isolation = createTestIsolation({ RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) });
  const env = parseEnv(baseEnvSchema, isolation.env);
  const schema = (service: string) => `${isolation.env.DB_SCHEMA_PREFIX}${service}`;
  let system: RunningSystem;
  let db: Client;
  const tokens: Record<string, string> = {};

  /** One HTTP request; a 504 is sent again with the same key, as a client that lost its answer does. */
  const send = async (
    method: string,
    path: string,
    options: { token: string; key?: string; body?: unknown; form?: FormData; retry504?: boolean },
  ): Promise<Answer> => {
    for (;;) {
      const response = await fetch(`${system.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${options.token}`,
          ...(options.key ? { 'idempotency-key': options.key } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : undefined),
      });
      const text = await response.text();
      if (response.status === 504 && options.retry504 !== false) continue;
      return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    }
  };
  const login = async (username: string) => {
    const response = await fetch(`${system.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const proposalsTitled = async (title: string) =>
    Number((await db.query(`SELECT count(*) AS n FROM "${schema('proposals')}".proposal WHERE title = $1`, [title])).rows[0].n);
  const photoForm = (bytes: Buffer) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'foto.png');
    return form;
  };

  beforeAll(async () => {
    system = await startSystem(isolation);
    db = new Client({ connectionString: isolation.env.DATABASE_URL });
    await db.connect();
    for (const username of [`bkm.${BALIK_ALAM}`, `bkm.${OTHER_MANDAU_VILLAGE}`, `lurah.${BALIK_ALAM}`])
      tokens[username] = await login(username);
  });

  afterAll(async () => {
    await db?.end();
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('creates one draft for a key however often, and however concurrently, it is sent, answering each alike', async () => {
    const key = randomUUID();
    const body = kotakuDraft(BALIK_ALAM, { title: 'Drainase RT 01' });
    const first = await send('POST', '/proposals', { token: tokens[`bkm.${BALIK_ALAM}`], key, body });
    expect(first.status).toBe(201);
    const again = await Promise.all(
      Array.from({ length: 8 }, () => send('POST', '/proposals', { token: tokens[`bkm.${BALIK_ALAM}`], key, body })),
    );
    expect(again.map((a) => a.status)).toEqual(Array(8).fill(201));
    expect(new Set(again.map((a) => JSON.stringify(a.body)))).toEqual(new Set([JSON.stringify(first.body)]));
    expect(await proposalsTitled('Drainase RT 01')).toBe(1);

    const racing = randomUUID();
    const raced = await Promise.all(
      Array.from({ length: 6 }, () =>
        send('POST', '/proposals', { token: tokens[`bkm.${BALIK_ALAM}`], key: racing, body: { ...body, title: 'Drainase RT 02' } }),
      ),
    );
    expect(raced.map((a) => a.status)).toEqual(Array(6).fill(201));
    expect(new Set(raced.map((a) => a.body.id)).size).toBe(1);
    expect(await proposalsTitled('Drainase RT 02')).toBe(1);
  });

  it('refuses the same key with another body (422), and keeps each person’s keys their own', async () => {
    const key = randomUUID();
    const body = kotakuDraft(BALIK_ALAM, { title: 'Pos ronda RT 04' });
    expect((await send('POST', '/proposals', { token: tokens[`bkm.${BALIK_ALAM}`], key, body })).status).toBe(201);
    const other = await send('POST', '/proposals', {
      token: tokens[`bkm.${BALIK_ALAM}`],
      key,
      body: { ...body, title: 'Pos ronda RT 05' },
    });
    expect(other).toMatchObject({ status: 422, body: { code: 'idempotency_key_reused' } });
    expect(await proposalsTitled('Pos ronda RT 05')).toBe(0);
    // Another village's BKM happening to send the same key acts for itself.
    const neighbour = await send('POST', '/proposals', {
      token: tokens[`bkm.${OTHER_MANDAU_VILLAGE}`],
      key,
      body: kotakuDraft(OTHER_MANDAU_VILLAGE, { title: 'Pos ronda RT 04' }),
    });
    expect(neighbour.status).toBe(201);
    expect(await proposalsTitled('Pos ronda RT 04')).toBe(2);
  });

  it('answers a refused request again as refused, and lets the corrected one through under the same key', async () => {
    const key = randomUUID();
    const refused = await send('POST', '/proposals', {
      token: tokens[`bkm.${BALIK_ALAM}`],
      key,
      body: kotakuDraft(BALIK_ALAM, { title: '' }),
    });
    expect(refused.status).toBe(400);
    const corrected = await send('POST', '/proposals', {
      token: tokens[`bkm.${BALIK_ALAM}`],
      key,
      body: kotakuDraft(BALIK_ALAM, { title: 'Jembatan kayu' }),
    });
    expect(corrected.status).toBe(201);
    expect(await proposalsTitled('Jembatan kayu')).toBe(1);
  });

  it('submits once and decides a stage once when the same request comes twice, instead of a 409 for the repeat', async () => {
    const bkm = tokens[`bkm.${BALIK_ALAM}`];
    const created = await send('POST', '/proposals', {
      token: bkm,
      key: randomUUID(),
      body: kotakuDraft(BALIK_ALAM, { title: 'Sumur bor' }),
    });
    const submitKey = randomUUID();
    const submit = () =>
      send('POST', `/proposals/${created.body.id}/submit`, { token: bkm, key: submitKey, body: { version: created.body.version } });
    const [first, second] = [await submit(), await submit()];
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toEqual(first.body);
    // Without a key the repeat is what it always was: the proposal has moved on.
    expect(
      (await send('POST', `/proposals/${created.body.id}/submit`, { token: bkm, body: { version: created.body.version } })).status,
    ).toBe(409);

    const lurah = tokens[`lurah.${BALIK_ALAM}`];
    const stage = await expectEventually(async () => {
      const inbox = await send('GET', '/approvals/inbox?pageSize=100', { token: lurah });
      const item = (inbox.body.items as Array<{ stageId: string; proposal: { proposalId: string } }>).find(
        (i) => i.proposal.proposalId === created.body.id,
      );
      expect(item).toBeDefined();
      return item!;
    });
    const decisionKey = randomUUID();
    const decide = () =>
      send('POST', `/approvals/${stage.stageId}/decision`, { token: lurah, key: decisionKey, body: { decision: 'APPROVE' } });
    const decisions = await Promise.all([decide(), decide(), decide()]);
    expect(decisions.map((d) => d.status)).toEqual([200, 200, 200]);
    const decided = await db.query(
      `SELECT count(*) AS n FROM "${schema('approvals')}".audit_record WHERE action = 'approval-stage.decided' AND entity_id = $1`,
      [stage.stageId],
    );
    expect(Number(decided.rows[0].n)).toBe(1);
  });

  it('stores one upload for a key, and refuses another file under it', async () => {
    const bkm = tokens[`bkm.${BALIK_ALAM}`];
    const key = randomUUID();
    const first = await send('POST', '/uploads/photos', { token: bkm, key, form: photoForm(TINY_PNG) });
    const again = await send('POST', '/uploads/photos', { token: bkm, key, form: photoForm(TINY_PNG) });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    const other = Buffer.concat([TINY_PNG, Buffer.from([0])]);
    expect((await send('POST', '/uploads/photos', { token: bkm, key, form: photoForm(other) })).status).toBe(422);
    const stored = await db.query(`SELECT count(*) AS n FROM "${schema('gateway')}".uploaded_file WHERE id = $1`, [first.body.id]);
    expect(Number(stored.rows[0].n)).toBe(1);
  });

  it('gives a client whose request timed out (504) the first answer when it retries, not a second draft', async () => {
    // The proposals service is kept waiting on its audit trail's lock until the gateway has given up.
    const holder = new Client({ connectionString: isolation.env.DATABASE_URL });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(`SELECT hash FROM "${schema('proposals')}".audit_chain_head FOR UPDATE`);
    const key = randomUUID();
    const body = kotakuDraft(BALIK_ALAM, { title: 'Gorong-gorong RT 07' });
    let timedOut: Answer;
    try {
      timedOut = await send('POST', '/proposals', { token: tokens[`bkm.${BALIK_ALAM}`], key, body, retry504: false });
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect(timedOut.status).toBe(504);
    // The service went on once the lock was free: the draft exists, though its creator never heard.
    await expectEventually(async () => expect(await proposalsTitled('Gorong-gorong RT 07')).toBe(1));

    const retried = await send('POST', '/proposals', { token: tokens[`bkm.${BALIK_ALAM}`], key, body });
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ title: 'Gorong-gorong RT 07', status: 'DRAFT' });
    expect(await proposalsTitled('Gorong-gorong RT 07')).toBe(1);
  });

  it('does not start a request that arrives after the gateway stopped waiting for it (its deadline), and does nothing', async () => {
    const nc: NatsConnection = await connect({ servers: env.NATS_URL });
    try {
      const subject = rpcSubject(env.NATS_SUBJECT_PREFIX, 'proposals.create');
      const [row] = (
        await db.query(`SELECT id, username, role, region_code FROM "${schema('gateway')}".user_account WHERE username = $1`, [
          `bkm.${BALIK_ALAM}`,
        ])
      ).rows;
      const actor: Actor = { userId: row.id, username: row.username, role: row.role, regionCode: row.region_code };
      const data = kotakuDraft(BALIK_ALAM, { title: 'Terlambat' });
      const assertion = signCallerAssertion(callerAssertionKey(env), subject, data, actor, Date.now(), { deadline: Date.now() - 1 });
      const reply = await nc.request(subject, JSON.stringify({ pattern: subject, id: randomUUID(), data: { meta: { assertion }, data } }), {
        timeout: 10_000,
      });
      expect(JSON.parse(reply.string())).toMatchObject({ err: { status: 504 } });
      expect(await proposalsTitled('Terlambat')).toBe(0);
    } finally {
      await nc.close();
    }
  });
});
