import { NOTIFICATIONS_QUEUE } from '@alur/jobs';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { DeliveryDispatcher } from '../../apps/notifications/src/delivery/delivery-dispatcher';
import { DeliveryReconciler } from '../../apps/notifications/src/delivery/delivery-reconciler.service';
import { NotificationQueue } from '../../apps/notifications/src/delivery/notification-queue';
import { emailDeliveriesWithoutJob, MailedNotifications, useMailedNotifications, user } from './notifications-harness';

const lurah = user('lurah.14.03.09.1004', 'LURAH', '14.03.09.1004');

describe('a line of e-mails that the relay cannot keep up with', () => {
  const isolation = createTestIsolation();
  let world: MailedNotifications;
  // A pass every 2 s: a delivery waits in the dispatcher's line at most 1 s, and is stale after 4 s.
  useMailedNotifications(isolation, [lurah], { NOTIFICATIONS_RECONCILE_SECONDS: '2' }, (started) => (world = started));

  it('goes to the queue as jobs after half a reconciler pass, which then queues none of it again, and each message goes out once', async () => {
    const { service, catcher } = world;
    const reconciler = service.app.get(DeliveryReconciler);
    // Its timer stopped: the one pass below is the test's, made when the line has been held longer than two passes.
    reconciler.onApplicationShutdown();
    const release = catcher.holdAnswers();
    const slots = NOTIFICATIONS_QUEUE.concurrency;
    const count = slots + 15;
    const deliveries = await emailDeliveriesWithoutJob(
      service,
      lurah,
      Array.from({ length: count }, (_, i) => `Antrean ${i}`),
    );
    const ids = deliveries.map((delivery) => delivery.id);
    await service.app.get(DeliveryDispatcher).dispatch(deliveries);

    // Every slot's send waits on the relay: the fifteen beyond them wait in the dispatcher's line, then go to the queue.
    const queue = service.app.get(NotificationQueue).queue;
    await expectEventually(async () =>
      expect(await Promise.all(ids.slice(slots).map((id) => queue.getJobState(id)))).not.toContain('unknown'),
    );
    // A pass that takes every one of them for stale finds each with a job, or claimed and being sent.
    expect(await reconciler.reconcile(new Date(Date.now() + 60_000))).toEqual({ requeued: 0, interrupted: 0 });

    release();
    await expectEventually(async () =>
      expect(
        await service.db.query(`SELECT status, attempts, count(*)::int AS n FROM delivery WHERE id = ANY($1) GROUP BY 1, 2`, [ids]),
      ).toEqual([{ status: 'sent', attempts: 1, n: count }]),
    );
    const sent = catcher.to(lurah.email!).filter((mail) => mail.subject.startsWith('Antrean'));
    expect(sent).toHaveLength(count);
    expect(new Set(sent.map((mail) => mail.messageId)).size).toBe(count);
  });
});
