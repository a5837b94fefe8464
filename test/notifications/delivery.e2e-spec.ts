import { randomUUID } from 'node:crypto';
import {
  ActingAppointmentMadeV1,
  ApprovalReminderDueV1,
  ApprovalStageDecidedV1,
  ApprovalStageOpenedV1,
  ApprovalStageRef,
  ConflictError,
  ListDeliveries,
  ProposalReturnedV1,
  ProposalSubmittedV1,
  ProposalWithdrawnV1,
  TrancheReleasedV1,
} from '@alur/contracts';
import { createTestIsolation, expectEventually, firstApprovalStage, removeTestResources } from '@alur/testing';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { DeliverNotificationUseCase } from '../../apps/notifications/src/delivery/use-cases/deliver-notification.use-case';
import { DeliveryLogUseCase } from '../../apps/notifications/src/delivery/use-cases/delivery-log.use-case';
import { DeliveryReconciler } from '../../apps/notifications/src/delivery/delivery-reconciler.service';
import { DeliveryRepository } from '../../apps/notifications/src/delivery/delivery.repository';
import { NotificationQueue } from '../../apps/notifications/src/delivery/notification-queue';
import { RunReminderDigestUseCase } from '../../apps/notifications/src/digest/use-cases/run-reminder-digest.use-case';
import { PreferencesUseCase } from '../../apps/notifications/src/preferences/use-cases/preferences.use-case';
import {
  actorOf,
  emailDeliveriesWithoutJob,
  EventPublisher,
  FakeSmsGateway,
  RunningNotifications,
  startMailCatcher,
  startNotifications,
  user,
  waitForUsers,
} from './notifications-harness';

const VILLAGE = '14.03.09.1004'; // Balik Alam, Mandau
const DISTRICT = '14.03.09';
const CONSOLE = 'http://console.alur.test';
const NBSP = '\u00a0';

const bkm = user(`bkm.${VILLAGE}`, 'BKM', VILLAGE, { displayName: 'BKM Balik Alam', phone: '+6281200000001' });
const lurah = user(`lurah.${VILLAGE}`, 'LURAH', VILLAGE, { displayName: 'Lurah Balik Alam' });
const plt = user('plt.lurah', 'LURAH', '14.03.09.1006', { displayName: 'Plt Lurah' });
const camat = user(`camat.${DISTRICT}`, 'CAMAT', DISTRICT, { displayName: 'Camat Mandau' });
const admin = { userId: randomUUID(), username: 'admin', role: 'ADMIN', regionCode: '14.03' };

function submitted(proposalId: string, title: string) {
  return {
    proposalId,
    programCode: 'BK-DESA-2026',
    programVersion: 1,
    villageCode: VILLAGE,
    districtCode: DISTRICT,
    regencyCode: '14.03',
    title,
    category: 'INFRASTRUCTURE' as const,
    budgetTotal: 250_000_000,
    selfHelpAmount: 12_500_000,
    requestedAmount: 237_500_000,
    bkmUserId: bkm.userId,
    submissionNumber: 1,
    approvalChain: [{ role: 'LURAH' as const, regionLevel: 'village' as const, serviceLevelWorkingDays: 3 }],
    reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
  };
}
function stage(proposalId: string, title: string, over: Partial<ApprovalStageRef> = {}): ApprovalStageRef {
  return firstApprovalStage({ proposalId, title, villageCode: VILLAGE, programCode: 'BK-DESA-2026' }, over);
}

describe('notifications reach people on their channels, once', () => {
  const sms = new FakeSmsGateway();
  const isolation = createTestIsolation();
  let catcher: MailCatcher;
  let service: RunningNotifications;
  let events: EventPublisher;
  const deliveriesOf = (userId: string) =>
    service.db.query('SELECT * FROM delivery WHERE recipient_user_id = $1 ORDER BY created_at', [userId]) as Promise<
      Array<Record<string, any>>
    >;
  const inboxOf = (userId: string) =>
    service.db.query('SELECT * FROM notification WHERE recipient_user_id = $1 ORDER BY created_at', [userId]) as Promise<
      Array<Record<string, any>>
    >;

  beforeAll(async () => {
    await sms.start();
    const mail = await startMailCatcher();
    catcher = mail.catcher;
    service = await startNotifications(isolation, {
      SMTP_URL: mail.smtpUrl,
      MAIL_FROM: 'Alur <no-reply@alur.test>',
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_SECRET: 'gateway-secret',
      WEB_CONSOLE_URL: CONSOLE,
      NOTIFICATIONS_MAX_ATTEMPTS: '3',
      NOTIFICATIONS_RETRY_BASE_MS: '50',
    });
    events = await EventPublisher.connect(isolation);
    for (const u of [bkm, lurah, plt, camat]) await events.saveUser(u);
    await waitForUsers(service.db, [bkm, lurah, plt, camat]);
  });

  afterAll(async () => {
    await events?.close();
    await service?.close();
    await catcher?.stop();
    await sms.stop();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('e-mails the BKM that its proposal was submitted, in Bahasa Indonesia, with rupiah and a link, and keeps it in the inbox', async () => {
    const proposalId = randomUUID();
    await events.publish(ProposalSubmittedV1, proposalId, submitted(proposalId, 'Drainase RT 03'));

    const [mail] = await expectEventually(() => {
      const received = catcher.to(bkm.email!);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail.subject).toBe('Usulan diajukan: Drainase RT 03');
    expect(mail.from).toContain('no-reply@alur.test');
    expect(mail.text).toContain(`Total RAB Rp${NBSP}250.000.000, swadaya Rp${NBSP}12.500.000, dana yang diminta Rp${NBSP}237.500.000.`);
    expect(mail.text).toContain(`Lihat usulan: ${CONSOLE}/proposals/${proposalId}`);

    const [delivery] = await expectEventually(async () => {
      const rows = await deliveriesOf(bkm.userId);
      expect(rows.map((r) => r.status)).toEqual(['sent']);
      return rows;
    });
    // The Message-ID comes from the delivery id: the same on every attempt, and what the provider reports.
    expect(mail.messageId).toBe(`<${delivery.id}@notifications.alur>`);
    expect(delivery.provider_message_id).toBe(mail.messageId);
    const inbox = await inboxOf(bkm.userId);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].content.en.title).toBe('Proposal submitted: Drainase RT 03');
  });

  it('sends nothing more when the event is delivered again, or the delivery job runs again', async () => {
    const proposalId = randomUUID();
    const event = await events.publish(ProposalSubmittedV1, proposalId, submitted(proposalId, 'Sumur bor'));
    await expectEventually(() => expect(catcher.to(bkm.email!).filter((m) => m.subject.endsWith('Sumur bor'))).toHaveLength(1));

    await events.redeliver(ProposalSubmittedV1, event);
    // Events of one proposal are handled in order: once the stage's e-mail is out, the redelivery was handled.
    await events.publish(ApprovalStageOpenedV1, proposalId, {
      ...stage(proposalId, 'Sumur bor'),
      openedAt: new Date().toISOString(),
      dueAt: new Date().toISOString(),
    });
    await expectEventually(() =>
      expect(catcher.to(lurah.email!).filter((m) => m.subject.endsWith('Sumur bor (Balik Alam)'))).toHaveLength(1),
    );

    const [delivery] = (await deliveriesOf(bkm.userId)).filter((d) => d.source_id === event.id);
    expect(await service.app.get(DeliverNotificationUseCase).execute(delivery.id, false)).toBe('skipped');
    expect(catcher.to(bkm.email!).filter((m) => m.subject.endsWith('Sumur bor'))).toHaveLength(1);
    expect((await inboxOf(bkm.userId)).filter((n) => n.event_id === event.id)).toHaveLength(1);
    expect((await deliveriesOf(bkm.userId)).filter((d) => d.source_id === event.id)).toHaveLength(1);
  });

  it('tells the official whose decision was waiting that the proposal was withdrawn, and not one who had decided already', async () => {
    // People of another district, so that the other tests' inboxes and mailboxes do not see these.
    const [otherVillage, otherDistrict] = ['14.03.13.2007', '14.03.13'];
    const otherBkm = user(`bkm.${otherVillage}`, 'BKM', otherVillage);
    const otherCamat = user(`camat.${otherDistrict}`, 'CAMAT', otherDistrict);
    for (const u of [otherBkm, otherCamat]) await events.saveUser(u);
    await waitForUsers(service.db, [otherBkm, otherCamat]);
    const atCamat = (proposalId: string, title: string) =>
      stage(proposalId, title, {
        stageOrder: 2,
        role: 'CAMAT',
        regionLevel: 'district',
        regionCode: otherDistrict,
        villageCode: otherVillage,
      });
    const withdrawn = (proposalId: string) => ({
      proposalId,
      programCode: 'BK-DESA-2026',
      programVersion: 1,
      villageCode: otherVillage,
      districtCode: otherDistrict,
      regencyCode: '14.03',
      fromStatus: 'IN_REVIEW',
      submissionNumber: 1,
      reason: 'Dana swadaya belum siap',
    });
    const withdrawalsTo = async (userId: string, proposalId: string) =>
      (await inboxOf(userId)).filter((n) => n.kind === 'PROPOSAL_WITHDRAWN' && n.proposal_id === proposalId);

    const waiting = randomUUID();
    await events.publish(ProposalSubmittedV1, waiting, {
      ...submitted(waiting, 'Balai pertemuan'),
      villageCode: otherVillage,
      districtCode: otherDistrict,
      bkmUserId: otherBkm.userId,
    });
    await events.publish(ApprovalStageOpenedV1, waiting, {
      ...atCamat(waiting, 'Balai pertemuan'),
      openedAt: new Date().toISOString(),
      dueAt: new Date().toISOString(),
    });
    await events.publish(ProposalWithdrawnV1, waiting, withdrawn(waiting));
    const [told] = await expectEventually(async () => {
      const notices = await withdrawalsTo(otherCamat.userId, waiting);
      expect(notices).toHaveLength(1);
      return notices;
    });
    expect(told.content.en.title).toMatch(/^Proposal withdrawn: Balai pertemuan \(.+\)$/);

    const decided = randomUUID();
    const opened = { ...atCamat(decided, 'Tambatan perahu'), openedAt: new Date().toISOString(), dueAt: new Date().toISOString() };
    await events.publish(ApprovalStageOpenedV1, decided, opened);
    await events.publish(ApprovalStageDecidedV1, decided, {
      ...atCamat(decided, 'Tambatan perahu'),
      stageId: opened.stageId,
      decision: 'APPROVE',
      note: null,
      decidedBy: actorOf(otherCamat),
      decidedAt: new Date().toISOString(),
      overdue: false,
    });
    await events.publish(ProposalWithdrawnV1, decided, withdrawn(decided));
    // Events of one proposal are handled in order: once the BKM has the withdrawal, so would the Camat.
    await expectEventually(async () => expect(await withdrawalsTo(otherBkm.userId, decided)).toHaveLength(1));
    expect(await withdrawalsTo(otherCamat.userId, decided)).toEqual([]);
  });

  it('also tells the acting official (Plt) of a stage they decide for, within the appointment', async () => {
    const now = Date.now();
    await events.publish(ActingAppointmentMadeV1, randomUUID(), {
      appointmentId: randomUUID(),
      acting: { userId: plt.userId, username: plt.username },
      actingFor: { userId: lurah.userId, username: lurah.username },
      role: 'LURAH',
      regionCode: VILLAGE,
      validFrom: new Date(now - 3600_000).toISOString(),
      validUntil: new Date(now + 3600_000).toISOString(),
    });
    await expectEventually(async () => expect(await service.db.query('SELECT 1 FROM acting_appointment')).toHaveLength(1));

    const proposalId = randomUUID();
    await events.publish(ApprovalStageOpenedV1, proposalId, {
      ...stage(proposalId, 'Jalan setapak'),
      openedAt: new Date().toISOString(),
      dueAt: '2026-03-17T07:30:00Z',
    });
    const [toPlt] = await expectEventually(() => {
      expect(catcher.to(lurah.email!).filter((m) => m.subject.endsWith('Jalan setapak (Balik Alam)'))).toHaveLength(1);
      const received = catcher.to(plt.email!).filter((m) => m.subject.endsWith('Jalan setapak (Balik Alam)'));
      expect(received).toHaveLength(1);
      return received;
    });
    expect(toPlt.subject).toBe('Usulan menunggu keputusan Anda: Jalan setapak (Balik Alam)');
    expect(toPlt.text).toContain('yang Anda jalankan sebagai pelaksana tugas Lurah/Kepala Desa Balik Alam');
    expect(toPlt.text).toContain('Batas waktu keputusan: 17 Maret 2026 pukul 14.30 WIB.');
  });

  it('respects preferences: English, SMS instead of e-mail for news of a proposal, in-app always', async () => {
    await service.app.get(PreferencesUseCase).update(actorOf(bkm), { language: 'en', channels: { STATUS: { email: false, sms: true } } });
    const proposalId = randomUUID();
    const sent = catcher.to(bkm.email!).length;
    await events.publish(ProposalReturnedV1, proposalId, {
      ...stage(proposalId, 'Pos ronda'),
      note: 'Lengkapi foto lokasi',
      returnedAt: '2026-03-12T07:30:00Z',
    });

    const [call] = await expectEventually(() => {
      const calls = sms.calls.filter((c) => c.body.text.includes('Pos ronda'));
      expect(calls).toHaveLength(1);
      return calls;
    });
    expect(call.body).toEqual({
      to: bkm.phone,
      channel: 'sms',
      text: `Proposal returned for revision: Pos ronda ${CONSOLE}/proposals/${proposalId}`,
    });
    expect(call.headers.authorization).toBe('Bearer gateway-secret');
    expect(call.headers['idempotency-key']).toEqual(expect.any(String));
    await expectEventually(async () =>
      expect((await deliveriesOf(bkm.userId)).filter((d) => d.status === 'sent' && d.channel === 'sms')).toHaveLength(1),
    );
    expect(catcher.to(bkm.email!)).toHaveLength(sent);
    const [entry] = (await inboxOf(bkm.userId)).filter((n) => n.kind === 'PROPOSAL_RETURNED');
    expect(entry.content.en.body).toContain('Note: Lengkapi foto lokasi');
  });

  it('retries a failing SMS gateway with back-off, records each failure, marks it failed for operators, who can retry it', async () => {
    await service.app.get(PreferencesUseCase).update(actorOf(bkm), { channels: { FUNDS: { email: false, sms: true } } });
    sms.status = 503;
    const proposalId = randomUUID();
    await events.publish(TrancheReleasedV1, proposalId, {
      proposalId,
      disbursementId: randomUUID(),
      villageCode: VILLAGE,
      trancheNumber: 1,
      trancheCount: 2,
      amount: 118_750_001,
      sp2dNumber: '0012/SP2D/LS/2026',
      releasedAt: '2026-03-12T07:30:00Z',
      releasedBy: { userId: 'b', username: 'bpkad', role: 'BPKAD', regionCode: '14.03' },
    });
    const log = service.app.get(DeliveryLogUseCase);
    const failed = await expectEventually(async () => {
      const page = await log.list(ListDeliveries.request.parse({ status: 'failed', recipient: bkm.username }));
      expect(page.items).toHaveLength(1);
      return page.items[0];
    });
    expect(sms.calls.filter((c) => c.body.text.startsWith('Tranche 1 released'))).toHaveLength(3);
    expect(failed).toMatchObject({
      channel: 'sms',
      kind: 'TRANCHE_RELEASED',
      attempts: 3,
      lastError: 'SMS gateway answered 503: {"error":"provider unavailable"}',
    });
    expect((await log.get(failed.id)).history!.map((h) => h.outcome)).toEqual(['queued', 'failed', 'failed', 'failed']);

    sms.status = 200;
    const retried = await log.retry(admin, failed.id);
    expect(retried.status).toBe('queued');
    await expectEventually(async () => expect((await log.get(failed.id)).status).toBe('sent'));
    const history = (await log.get(failed.id)).history!;
    expect(history.map((h) => h.outcome)).toEqual(['queued', 'failed', 'failed', 'failed', 'queued', 'sent']);
    expect(history[4].reason).toBe('retry requested by admin');
    expect(sms.calls.filter((c) => c.body.text.startsWith('Tranche 1 released'))).toHaveLength(4);
    await expect(log.retry(admin, failed.id)).rejects.toBeInstanceOf(ConflictError);
  });

  it('collects an official’s reminders of the day into one digest message', async () => {
    await service.app.get(PreferencesUseCase).update(actorOf(camat), { digest: true });
    const titles = ['Drainase A', 'Drainase B', 'Drainase C'];
    for (const title of titles) {
      const proposalId = randomUUID();
      await events.publish(ApprovalReminderDueV1, proposalId, {
        ...stage(proposalId, title, { stageOrder: 2, role: 'CAMAT', regionLevel: 'district', regionCode: DISTRICT }),
        kind: 'BEFORE_DUE',
        dueAt: '2026-03-12T07:30:00Z',
        remindedAt: new Date().toISOString(),
      });
    }
    await expectEventually(async () => expect((await inboxOf(camat.userId)).filter((n) => n.kind === 'APPROVAL_REMINDER')).toHaveLength(3));
    expect(catcher.to(camat.email!)).toHaveLength(0);

    const digest = service.app.get(RunReminderDigestUseCase);
    expect(await digest.run(new Date())).toEqual({ digests: 1, reminders: 3 });
    const [mail] = await expectEventually(() => {
      const received = catcher.to(camat.email!);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail.subject).toBe('Ringkasan harian: 3 usulan menunggu keputusan Anda');
    for (const title of titles) expect(mail.text).toContain(`- ${title} (Balik Alam), batas waktu 12 Maret 2026 pukul 14.30 WIB`);

    expect(await digest.run(new Date())).toEqual({ digests: 0, reminders: 0 });
    expect(catcher.to(camat.email!)).toHaveLength(1);
  });

  it('schedules the digest daily at NOTIFICATIONS_DIGEST_HOUR in the regency’s time zone', async () => {
    const scheduler = await service.app.get(NotificationQueue).queue.getJobScheduler('reminder-digest');
    expect(scheduler).toMatchObject({ pattern: '0 7 * * *', tz: 'Asia/Jakarta' });
    // 07:00 WIB is midnight UTC.
    expect(new Date(Number(scheduler!.next)).toISOString()).toMatch(/T00:00:00\.000Z$/);
  });

  it('re-enqueues a delivery whose job was lost, and hands one interrupted mid-send to the operators', async () => {
    await expectEventually(async () =>
      expect(await service.db.query(`SELECT id FROM delivery WHERE status NOT IN ('sent', 'failed')`)).toEqual([]),
    );
    // Committed without a job, as when the process dies between commit and enqueue (or Redis loses the job).
    const [lost, interrupted] = await emailDeliveriesWithoutJob(service, lurah, ['Lost job', 'Interrupted']);
    await service.db.query(`UPDATE delivery SET status = 'sending', attempts = 1 WHERE id = $1`, [interrupted.id]);

    const reconciler = service.app.get(DeliveryReconciler);
    expect(await reconciler.reconcile(new Date())).toEqual({ requeued: 0, interrupted: 0 });
    expect(await reconciler.reconcile(new Date(Date.now() + 10 * 60_000))).toEqual({ requeued: 1, interrupted: 1 });
    await expectEventually(() => expect(catcher.to(lurah.email!).filter((m) => m.subject === 'Lost job')).toHaveLength(1));
    const log = service.app.get(DeliveryLogUseCase);
    await expectEventually(async () => expect(await log.get(lost.id)).toMatchObject({ status: 'sent' }));
    expect(await log.get(interrupted.id)).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('interrupted while sending'),
    });
    expect(catcher.to(lurah.email!).filter((m) => m.subject === 'Interrupted')).toHaveLength(0);
  });

  it('records a sent delivery once when its outcome statement loses its connection, whether or not it had committed', async () => {
    const repository = service.app.get(DeliveryRepository);
    // Committed without a job: the use case runs it here, as a job would.
    const [committed, lost] = await emailDeliveriesWithoutJob(service, lurah, ['Answer lost', 'Never ran']);
    const record = repository.recordOutcomes.bind(repository);
    const outcomes = jest
      .spyOn(repository, 'recordOutcomes')
      // As when PostgreSQL terminates the connection: after the commit (its answer lost), or before the statement.
      .mockImplementationOnce(async (db, batch) => {
        await record(db, batch);
        throw new Error('Connection terminated unexpectedly');
      })
      .mockImplementationOnce(async () => {
        throw new Error('Connection terminated unexpectedly');
      });
    try {
      const deliver = service.app.get(DeliverNotificationUseCase);
      await expect(deliver.execute(committed.id, false)).resolves.toBe('sent');
      await expect(deliver.execute(lost.id, false)).resolves.toBe('sent');
    } finally {
      outcomes.mockRestore();
    }
    const log = service.app.get(DeliveryLogUseCase);
    for (const { id } of [committed, lost]) {
      expect(await log.get(id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(await repository.attemptsOf(service.db.manager, id)).toEqual([
        expect.objectContaining({ attempt: 0, outcome: 'queued' }),
        expect.objectContaining({ attempt: 1, outcome: 'sent' }),
      ]);
    }
    // An outcome for an attempt no longer `sending` (marked failed as interrupted meanwhile, say) changes nothing.
    await repository.recordOutcomes(service.db.manager, [{ id: lost.id, attempt: 1, outcome: 'failed', reason: 'late', final: true }]);
    expect(await log.get(lost.id)).toMatchObject({ status: 'sent', lastError: null });
  });

  it('re-enqueues a delivery whose job failed for good without writing its outcome (its claims lost their connection)', async () => {
    const repository = service.app.get(DeliveryRepository);
    const [delivery] = await emailDeliveriesWithoutJob(service, lurah, ['Claim lost']);
    const claimAll = repository.claimAll.bind(repository);
    const claims = jest.spyOn(repository, 'claimAll').mockImplementation(async (db, ids) => {
      if (ids.includes(delivery.id)) throw new Error('Connection terminated unexpectedly');
      return claimAll(db, ids);
    });
    const queue = service.app.get(NotificationQueue);
    try {
      await queue.enqueueDeliveries([delivery]);
      // Every attempt's claim failed: BullMQ keeps the failed job (and would ignore a re-add of its id); the row is still queued.
      await expectEventually(async () => expect(await (await queue.queue.getJob(delivery.id))?.getState()).toBe('failed'));
    } finally {
      claims.mockRestore();
    }
    expect(await service.db.query('SELECT status FROM delivery WHERE id = $1', [delivery.id])).toEqual([{ status: 'queued' }]);

    expect(await service.app.get(DeliveryReconciler).reconcile(new Date(Date.now() + 10 * 60_000))).toMatchObject({ requeued: 1 });
    await expectEventually(() => expect(catcher.to(lurah.email!).filter((m) => m.subject === 'Claim lost')).toHaveLength(1));
    await expectEventually(async () =>
      expect(await service.app.get(DeliveryLogUseCase).get(delivery.id)).toMatchObject({ status: 'sent' }),
    );
  });

  it('re-enqueues a delivery whose job Redis lost in part (its hash left, in no list), which a re-add of its id would not touch', async () => {
    const [delivery] = await emailDeliveriesWithoutJob(service, lurah, ['Half lost']);
    const queue = service.app.get(NotificationQueue).queue;
    // A job far in the future, then taken out of the delayed set: its hash stays, as after keys lost one by one.
    await queue.add('deliver', { deliveryId: delivery.id }, { jobId: delivery.id, delay: 3_600_000 });
    await (await queue.getBackend().client).runCommand('zrem', [queue.toKey('delayed'), delivery.id]);
    expect(await (await queue.getJob(delivery.id))?.getState()).toBe('unknown');

    expect(await service.app.get(DeliveryReconciler).reconcile(new Date(Date.now() + 10 * 60_000))).toMatchObject({ requeued: 1 });
    await expectEventually(() => expect(catcher.to(lurah.email!).filter((m) => m.subject === 'Half lost')).toHaveLength(1));
    await expectEventually(async () =>
      expect(await service.app.get(DeliveryLogUseCase).get(delivery.id)).toMatchObject({ status: 'sent' }),
    );
  });

  it('leaves alone a delivery whose job is only slow: no second job, nothing counted as requeued', async () => {
    const [delivery] = await emailDeliveriesWithoutJob(service, lurah, ['Slow job']);
    const queue = service.app.get(NotificationQueue).queue;
    // Its job waits (a long back-off, or a line the worker has not reached yet) while the row stays queued.
    await queue.add('deliver', { deliveryId: delivery.id }, { jobId: delivery.id, delay: 3_600_000 });

    expect(await service.app.get(DeliveryReconciler).reconcile(new Date(Date.now() + 10 * 60_000))).toEqual({
      requeued: 0,
      interrupted: 0,
    });
    expect(await queue.getJobState(delivery.id)).toBe('delayed');
    const jobsOfIt = (await queue.getJobs(['waiting', 'delayed', 'active', 'completed'])).filter(
      (job) => job.data.deliveryId === delivery.id,
    );
    expect(jobsOfIt.map((job) => job.id)).toEqual([delivery.id]);
    expect(await service.db.query('SELECT status FROM delivery WHERE id = $1', [delivery.id])).toEqual([{ status: 'queued' }]);
  });

  it('leaves to the worker a delivery whose job waits in its line, and queues one again once the worker finds its job lost (its id left in the line)', async () => {
    const [waiting, orphaned] = await emailDeliveriesWithoutJob(service, lurah, ['In the line', 'Id left in the line']);
    const queue = service.app.get(NotificationQueue).queue;
    const reconciler = service.app.get(DeliveryReconciler);
    // The worker busy elsewhere: both jobs wait in the line, and Redis loses the second one's hash, its id left there.
    await queue.pause();
    try {
      for (const delivery of [waiting, orphaned]) await queue.add('deliver', { deliveryId: delivery.id }, { jobId: delivery.id });
      await (await queue.getBackend().client).runCommand('del', [queue.toKey(orphaned.id)]);
      expect(await reconciler.reconcile(new Date(Date.now() + 10 * 60_000))).toEqual({ requeued: 0, interrupted: 0 });
      expect(await queue.getRanges(['wait'], 0, -1)).toEqual(expect.arrayContaining([waiting.id, orphaned.id]));
    } finally {
      await queue.resume();
    }
    // The worker reaches them: the first job sends its e-mail; the lost one, a job without a name, fails.
    await expectEventually(async () => expect(await queue.getJobState(orphaned.id)).toBe('failed'));
    expect(await reconciler.reconcile(new Date(Date.now() + 10 * 60_000))).toEqual({ requeued: 1, interrupted: 0 });
    for (const { id } of [waiting, orphaned]) {
      await expectEventually(async () => expect(await service.app.get(DeliveryLogUseCase).get(id)).toMatchObject({ status: 'sent' }));
    }
    for (const subject of ['In the line', 'Id left in the line']) {
      expect(catcher.to(lurah.email!).filter((m) => m.subject === subject)).toHaveLength(1);
    }
  });

  it('looks at every stale delivery in one pass, a page at a time: one lost behind a page of slow jobs is queued too', async () => {
    // Made in one transaction, so with one updated_at: the pages go on by id. The last by id has lost its job.
    const deliveries = await emailDeliveriesWithoutJob(service, lurah, ['Paged 1', 'Paged 2', 'Paged 3', 'Paged 4']);
    const [lost, ...slow] = [...deliveries].sort((a, b) => b.id.localeCompare(a.id));
    const queue = service.app.get(NotificationQueue).queue;
    for (const delivery of slow) await queue.add('deliver', { deliveryId: delivery.id }, { jobId: delivery.id, delay: 3_600_000 });

    // Pages of two: the slow jobs (and the earlier test's) fill the first pages; one page alone would not reach the lost one.
    expect(await service.app.get(DeliveryReconciler).reconcile(new Date(Date.now() + 10 * 60_000), 2)).toEqual({
      requeued: 1,
      interrupted: 0,
    });
    await expectEventually(async () => expect(await service.app.get(DeliveryLogUseCase).get(lost.id)).toMatchObject({ status: 'sent' }));
    const lostSubject = `Paged ${deliveries.indexOf(lost) + 1}`;
    expect(catcher.to(lurah.email!).filter((m) => m.subject === lostSubject)).toHaveLength(1);
    expect(await Promise.all(slow.map((delivery) => queue.getJobState(delivery.id)))).toEqual(['delayed', 'delayed', 'delayed']);
  });
});
