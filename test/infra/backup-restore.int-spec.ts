// docs/runbook.md, "Back up PostgreSQL" and "Restore PostgreSQL", as scripts: infra/scripts/backup.sh
// dumps the services' schemas, infra/scripts/restore.sh restores them into a fresh database and
// queues every outbox event from an hour before the dump for re-publishing (npm run outbox:republish,
// built). Approvals and notifications run as in production; the test plays the proposals service.
// What happened before the backup is neither lost nor doubled; what happened after it is gone on every
// restored side alike, and comes back once its source re-publishes it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ProposalSubmittedV1, subjectFor } from '@alur/contracts';
import { NatsClients, OutboxRelay } from '@alur/messaging';
import { createTestIsolation, expectEventually, removeTestResources, TestIsolation } from '@alur/testing';
import { ApprovalsWorld, startApprovalsWorld } from '../approvals/approvals-harness';
import { RunningNotifications, startNotifications } from '../notifications/notifications-harness';

const run = promisify(execFile);
const scripts = join(__dirname, '../../infra/scripts');

interface System {
  world: ApprovalsWorld;
  notifications: RunningNotifications;
}

async function startSystem(isolation: TestIsolation): Promise<System> {
  const world = await startApprovalsWorld(isolation);
  const notifications = await startNotifications(isolation);
  return { world, notifications };
}

describe('runbook: back up PostgreSQL, restore it, re-publish from the outboxes', () => {
  const isolation = createTestIsolation();
  const restoredDatabase = `alur_restore_${isolation.id}`;
  const restoredUrl = Object.assign(new URL(isolation.env.DATABASE_URL!), { pathname: `/${restoredDatabase}` }).toString();
  // The restored system: the same schema names, stream, subjects and queues, on a fresh database.
  const restored: TestIsolation = { id: isolation.id, env: { ...isolation.env, DATABASE_URL: restoredUrl } };
  const prefix = isolation.env.DB_SCHEMA_PREFIX!;
  const dir = mkdtempSync(join(tmpdir(), 'alur-backup-'));
  const dump = join(dir, 'alur.dump');
  let system: System | undefined;

  const count = async (db: DataSource, sql: string, params: unknown[]) => Number((await db.query(sql, params))[0].count);
  const stagesOf = (db: DataSource, proposalId: string) =>
    count(db, `SELECT count(*) FROM "${prefix}approvals".approval_stage WHERE proposal_id = $1`, [proposalId]);
  const notificationsOf = (db: DataSource, proposalId: string) =>
    count(db, `SELECT count(*) FROM "${prefix}notifications".notification WHERE proposal_id = $1`, [proposalId]);

  const admin = async <T>(fn: (pg: Client) => Promise<T>) => {
    const pg = new Client({ connectionString: isolation.env.DATABASE_URL });
    await pg.connect();
    try {
      return await fn(pg);
    } finally {
      await pg.end();
    }
  };

  /**
   * Everything in flight has taken effect, checked in causal order: approvals received everything in the
   * stream and handled it (its events recorded in the same transaction), its relay published them, the
   * notifications consumer received and handled everything, and the stream did not grow meanwhile.
   * Nothing failed for good either (a duplicate effect refused by a unique key would). "Received" is the
   * consumer's own count of what it has yet to get or acknowledge, which also holds where it filters
   * subjects (nats-server 2.10).
   */
  const settled = async (s: System) => {
    const jsm = s.world.approvals.get(NatsClients).jsm;
    const stream = isolation.env.NATS_STREAM!;
    const open = (service: string) => `SELECT count(*) FROM "${prefix}${service}".inbound_event WHERE status IN ('pending', 'dead')`;
    const receivedAll = async (durable: string) => {
      const consumer = await jsm.consumers.info(stream, durable);
      expect({ durable, unreceived: consumer.num_pending + consumer.num_ack_pending }).toEqual({ durable, unreceived: 0 });
    };
    await expectEventually(
      async () => {
        const last = (await jsm.streams.info(stream)).state.last_seq;
        await receivedAll('approvals');
        expect(await count(s.world.db, open('approvals'), [])).toBe(0);
        expect(await count(s.world.db, `SELECT count(*) FROM "${prefix}approvals".outbox_event WHERE published_at IS NULL`, [])).toBe(0);
        await receivedAll('notifications');
        expect(await count(s.notifications.db, open('notifications'), [])).toBe(0);
        expect((await jsm.streams.info(stream)).state.last_seq).toBe(last);
      },
      { timeoutMs: 30_000 },
    );
  };

  afterAll(async () => {
    await system?.notifications.close();
    await system?.world.close();
    await admin((pg) => pg.query(`DROP DATABASE IF EXISTS "${restoredDatabase}" WITH (FORCE)`));
    await removeTestResources(isolation.id, isolation.env);
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores a consistent system: work before the backup once, work after it gone everywhere until re-published', async () => {
    system = await startSystem(isolation);
    const jsm = system.world.approvals.get(NatsClients).jsm;
    // A real restore comes hours after the events it re-publishes, long past JetStream's two-minute
    // duplicate window; a shorter window here lets the re-published events through as they would be then.
    const stream = isolation.env.NATS_STREAM!;
    await jsm.streams.update(stream, { ...(await jsm.streams.info(stream)).config, duplicate_window: nanos(200) });

    const before = await system.world.submit({ title: 'Drainase RT 01 (before the backup)' });
    await expectEventually(async () => expect(await notificationsOf(system!.notifications.db, before.proposalId)).toBeGreaterThan(0));
    await settled(system);

    const backup = await run('bash', [join(scripts, 'backup.sh'), dump], { env: { ...process.env, ...isolation.env } });
    expect(backup.stdout).toMatch(/written to .*alur\.dump/);

    const after = await system.world.submit({ title: 'Jalan setapak RT 04 (after the backup)' });
    await expectEventually(async () => expect(await notificationsOf(system!.notifications.db, after.proposalId)).toBeGreaterThan(0));
    await settled(system);
    const expected = {
      before: {
        stages: await stagesOf(system.world.db, before.proposalId),
        notifications: await notificationsOf(system.notifications.db, before.proposalId),
      },
      after: {
        stages: await stagesOf(system.world.db, after.proposalId),
        notifications: await notificationsOf(system.notifications.db, after.proposalId),
      },
    };
    // The submission of the proposal made after the backup, as the proposals service's outbox holds it.
    const submitted = (await jsm.streams.getMessage(stream, {
      last_by_subj: subjectFor(isolation.env.NATS_SUBJECT_PREFIX!, ProposalSubmittedV1),
    }))!;
    expect(submitted.json<{ aggregateId: string }>().aggregateId).toBe(after.proposalId);
    await system.notifications.close();
    await system.world.close();
    system = undefined;

    // The loss, and the restore into a fresh database by the script.
    await admin((pg) => pg.query(`CREATE DATABASE "${restoredDatabase}"`));
    const restore = await run('bash', [join(scripts, 'restore.sh'), dump], { env: { ...process.env, ...restored.env } });
    expect(restore.stdout).toMatch(/holds the state of .* work done after that is gone/);
    const republished = Number(/^(\d+) approvals event\(s\)/m.exec(restore.stdout)?.[1]);
    expect(republished).toBeGreaterThan(0);
    expect(restore.stdout).toMatch(/^\d+ notifications event\(s\)/m);

    system = await startSystem(restored);
    await settled(system);
    // JetStream took the re-published events as new ones, and the consumers saw them again …
    const relay = system.world.approvals.get(OutboxRelay).stats;
    expect(relay.published).toBeGreaterThanOrEqual(republished);
    expect(relay.duplicates).toBe(0);
    // … and their inboxes dropped them: the work before the backup is there once.
    expect(await stagesOf(system.world.db, before.proposalId)).toBe(expected.before.stages);
    expect(await notificationsOf(system.notifications.db, before.proposalId)).toBe(expected.before.notifications);
    // The work after the backup is gone on both sides alike: no stage without its notifications or the reverse.
    expect(await stagesOf(system.world.db, after.proposalId)).toBe(0);
    expect(await notificationsOf(system.notifications.db, after.proposalId)).toBe(0);

    // Its source re-publishes it (the proposals service's outbox, same event id): it is redone, once.
    const h = natsHeaders();
    for (const key of submitted.header.keys())
      if (key !== 'Nats-Msg-Id') for (const value of submitted.header.values(key)) h.append(key, value);
    await system.world.approvals
      .get(NatsClients)
      .js.publish(submitted.subject, submitted.data, { msgID: submitted.header.get('Nats-Msg-Id'), headers: h });
    await expectEventually(async () =>
      expect(await notificationsOf(system!.notifications.db, after.proposalId)).toBe(expected.after.notifications),
    );
    await settled(system);
    expect(await stagesOf(system.world.db, after.proposalId)).toBe(expected.after.stages);
    expect(await notificationsOf(system.notifications.db, after.proposalId)).toBe(expected.after.notifications);
  });
});
