import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createTestIsolation, openTestDatabase, removeTestResources } from '@alur/testing';
import { CreateIdempotentRequests1765200000000 } from './create-idempotent-requests.migration';
import { claimIdempotencyKeyIn, IdempotentRequest, IdempotentRequests, requestHashOf } from './idempotent-execution';

describe('IdempotentRequests', () => {
  const isolation = createTestIsolation();
  let dataSource: DataSource;
  let requests: IdempotentRequests;

  beforeAll(async () => {
    dataSource = await openTestDatabase(isolation, 'idempotency', {
      migrations: [CreateIdempotentRequests1765200000000],
      applicationName: 'alur-idempotency-test',
    });
    await dataSource.query('CREATE TABLE draft (id serial PRIMARY KEY, title text NOT NULL)');
    requests = new IdempotentRequests(dataSource);
  });
  afterAll(async () => {
    await requests?.beforeApplicationShutdown();
    await dataSource?.destroy();
    await removeTestResources(isolation.id, isolation.env);
  });

  const request = (key: string, content: unknown): IdempotentRequest => ({
    callerKey: 'bkm-1',
    key,
    operation: 'proposals.create',
    requestHash: requestHashOf(content),
  });
  /** A change as a use case makes it: its row and the key in one transaction. */
  const createDraft = (title: string) => () =>
    dataSource.transaction(async (tx) => {
      const [row] = (await tx.query('INSERT INTO draft (title) VALUES ($1) RETURNING id', [title])) as Array<{ id: number }>;
      await claimIdempotencyKeyIn(tx);
      return { id: row.id, title };
    });
  const drafts = async (title: string) => ((await dataSource.query('SELECT id FROM draft WHERE title = $1', [title])) as unknown[]).length;

  it('answers a repeat with the first answer, even before that answer is written, and rolls back what the repeat did', async () => {
    const key = randomUUID();
    const first = await requests.run(request(key, { title: 'Jalan' }), createDraft('Jalan'));
    const repeat = await requests.run(request(key, { title: 'Jalan' }), createDraft('Jalan'));

    // The repeat came within the first answer's batch window: it waited for the answer.
    expect(repeat).toEqual(first);
    expect(await drafts('Jalan')).toBe(1);
  });

  it('refuses the key with other content (422) and leaves the first change alone', async () => {
    const key = randomUUID();
    await requests.run(request(key, { title: 'Drainase' }), createDraft('Drainase'));

    await expect(requests.run(request(key, { title: 'Talud' }), createDraft('Talud'))).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'idempotency_key_reused',
    });
    expect(await drafts('Talud')).toBe(0);
  });

  it('writes the answers of requests that commit together in one statement, and all of them before shutdown', async () => {
    // A window far longer than the test: the three commits fall in one batch however slow the machine,
    // and only the shutdown writes it.
    const batching = new IdempotentRequests(dataSource, 10 * 60_000);
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const answers = await Promise.all(keys.map((key, i) => batching.run(request(key, { i }), createDraft(`Balai ${i}`))));
    await batching.beforeApplicationShutdown();

    const stored = (await dataSource.query(
      'SELECT answer, answered_at FROM idempotent_request WHERE idempotency_key = ANY($1) ORDER BY answered_at',
      [keys],
    )) as Array<{ answer: string; answered_at: Date }>;
    expect(
      stored.map((row) => JSON.parse(row.answer) as unknown).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual([...answers].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
    // now() is the statement's transaction start: one statement gives the three answers one time.
    expect(new Set(stored.map((row) => row.answered_at.getTime())).size).toBe(1);
  });
});
