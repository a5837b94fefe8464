// docs/runbook.md, "Recover from lost JetStream state": after the stream is lost, the operator
// re-publishes a time range from a service's outbox with `npm run outbox:republish` (the built CLI),
// and the events are in the stream again.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ApprovalStageOpenedV1, subjectFor } from '@alur/contracts';
import { NatsClients } from '@alur/messaging';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { ApprovalsWorld, useApprovalsWorld } from '../approvals/approvals-harness';

const republishCli = join(__dirname, '../../dist/libs/platform/src/cli/outbox-republish.main.js');

describe('runbook: recover from lost JetStream state', () => {
  const isolation = createTestIsolation();
  let world: ApprovalsWorld;

  useApprovalsWorld(isolation, (started) => (world = started));

  it('puts the events of a time range back into a recreated stream from the outbox', async () => {
    const jsm = world.approvals.get(NatsClients).jsm;
    const stream = isolation.env.NATS_STREAM!;
    const stageOpened = subjectFor(isolation.env.NATS_SUBJECT_PREFIX!, ApprovalStageOpenedV1);
    const lastStageOpened = () => jsm.streams.getMessage(stream, { last_by_subj: stageOpened }).catch(() => null);

    const from = new Date(Date.now() - 60_000);
    const { proposalId } = await world.submit();
    await expectEventually(async () => expect((await lastStageOpened())?.json<{ aggregateId: string }>().aggregateId).toBe(proposalId));
    // The relay marks its rows published once JetStream has acknowledged them: an event is in the stream a moment before.
    await expectEventually(async () => {
      const [{ unpublished }] = await world.db.query(
        'SELECT count(*)::int AS unpublished FROM outbox_event WHERE aggregate_id = $1 AND published_at IS NULL',
        [proposalId],
      );
      expect(unpublished).toBe(0);
    });
    // As if committed two hours before the range, while NATS was away, and published only within it:
    // the range is of publication, which is what the stream lost.
    const backdated = await world.db.query(
      `UPDATE outbox_event SET created_at = created_at - interval '2 hours' WHERE aggregate_id = $1 AND published_at IS NOT NULL`,
      [proposalId],
    );
    expect(backdated[1]).toBeGreaterThan(0);

    // The loss: the stream and everything in it are gone; the services recreate an empty one.
    await jsm.streams.delete(stream);
    await expectEventually(async () => expect((await jsm.streams.info(stream)).config.name).toBe(stream), { timeoutMs: 30_000 });
    expect(await lastStageOpened()).toBeNull();

    const { stdout } = await promisify(execFile)(
      process.execPath,
      [republishCli, '--service', 'approvals', '--from', from.toISOString(), '--to', new Date(Date.now() + 1000).toISOString()],
      { env: { ...process.env, ...isolation.env } },
    );
    expect(stdout).toMatch(/^[1-9]\d* approvals event\(s\) published from .* queued for re-publishing/);

    await expectEventually(async () => expect((await lastStageOpened())?.json<{ aggregateId: string }>().aggregateId).toBe(proposalId));
  });
});
