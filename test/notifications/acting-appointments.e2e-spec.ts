import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProposalSubmittedV1 } from '@alur/contracts';
import { createServiceApp } from '@alur/platform';
import { createTestIsolation, expectEventually, removeTestResources } from '@alur/testing';
import { AppointActingOfficialUseCase } from '../../apps/approvals/src/acting/use-cases/appoint-acting-official.use-case';
import { ApprovalsModule } from '../../apps/approvals/src/approvals.module';
import { FireStageTimerUseCase } from '../../apps/approvals/src/timers/use-cases/fire-stage-timer.use-case';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { announced, BENGKALIS, FIVE_STAGE_CHAIN, MANDAU, openStageOf } from '../approvals/approvals-harness';
import { EventPublisher, RunningNotifications, startMailCatcher, startNotifications, user, waitForUsers } from './notifications-harness';

const VILLAGE = '14.03.09.1004'; // Balik Alam, Mandau
const CONSOLE = 'http://console.alur.test';
const lurah = user(`lurah.${VILLAGE}`, 'LURAH', VILLAGE, { displayName: 'Lurah Balik Alam' });
const plt = user('sekretaris.lurah', 'LURAH', '14.03.09.1006', { displayName: 'Sekretaris Kelurahan', language: 'en' });
const admin = { userId: randomUUID(), username: 'admin', role: 'ADMIN' as const, regionCode: BENGKALIS };

describe('an acting official (Plt/Plh) is announced, told, and reminded in the absent official’s place', () => {
  const isolation = createTestIsolation();
  let approvals: INestApplication;
  let approvalsDb: DataSource;
  let notifications: RunningNotifications;
  let catcher: MailCatcher;
  let events: EventPublisher;
  const inboxOf = (userId: string) =>
    notifications.db.query('SELECT kind, content, link, acting_for FROM notification WHERE recipient_user_id = $1 ORDER BY created_at', [
      userId,
    ]) as Promise<Array<Record<string, any>>>;
  /** A BKM's proposal submitted in `villageCode`, as the proposals service announces it; the approvals service opens its Lurah stage. */
  const submitProposal = async (villageCode: string, title: string): Promise<string> => {
    const proposalId = randomUUID();
    await events.publish(ProposalSubmittedV1, proposalId, {
      proposalId,
      programCode: 'KOTAKU-2026',
      programVersion: 1,
      villageCode,
      districtCode: MANDAU,
      regencyCode: BENGKALIS,
      title,
      category: 'INFRASTRUCTURE',
      budgetTotal: 100_000_000,
      selfHelpAmount: 5_000_000,
      requestedAmount: 95_000_000,
      bkmUserId: randomUUID(),
      submissionNumber: 1,
      approvalChain: FIVE_STAGE_CHAIN,
      reminderSchedule: { beforeDueWorkingDays: 1, afterDueWorkingDays: 1 },
    });
    return proposalId;
  };

  beforeAll(async () => {
    const mail = await startMailCatcher();
    catcher = mail.catcher;
    notifications = await startNotifications(isolation, { SMTP_URL: mail.smtpUrl, WEB_CONSOLE_URL: CONSOLE });
    approvals = await createServiceApp(ApprovalsModule.forRoot({ ...isolation.env, APPROVALS_PORT: '0' }), 'approvals', { rpc: true });
    approvalsDb = approvals.get(DataSource);
    events = await EventPublisher.connect(isolation);
    for (const u of [lurah, plt]) await events.saveUser(u);
    await waitForUsers(notifications.db, [lurah, plt]);
  });

  afterAll(async () => {
    await events?.close();
    await approvals?.close();
    await notifications?.close();
    await catcher?.stop();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('records ActingAppointmentMade with the appointment, tells the Plt, and sends the stage’s reminder to the Plt only', async () => {
    const now = Date.now();
    const appointment = await approvals.get(AppointActingOfficialUseCase).execute(admin, {
      acting: { userId: plt.userId, username: plt.username, role: 'LURAH', regionCode: '14.03.09.1006' },
      actingFor: { userId: lurah.userId, username: lurah.username, role: 'LURAH', regionCode: VILLAGE },
      validFrom: new Date(now - 3600_000).toISOString(),
      validUntil: new Date(now + 7 * 24 * 3600_000).toISOString(),
    });
    const [made] = (await announced(approvalsDb, appointment.id)).filter((e) => e.type === 'approvals.acting-appointment-made');
    expect(made.payload).toMatchObject({
      appointmentId: appointment.id,
      acting: { userId: plt.userId },
      actingFor: { userId: lurah.userId },
      role: 'LURAH',
      regionCode: VILLAGE,
    });

    // The Plt hears of it on their channels (e-mail, in English as they chose) and in the in-app inbox in both languages.
    const [mail] = await expectEventually(() => {
      const received = catcher.to(plt.email!);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail.subject).toBe('You are appointed acting Lurah/Village Head of Balik Alam');
    expect(mail.text).toContain('you are appointed acting official (Plt/Plh) for Lurah Balik Alam, Lurah/Village Head of Balik Alam');
    expect(mail.text).toContain(`See the proposals awaiting you: ${CONSOLE}/kotak-masuk`);
    const [told] = await inboxOf(plt.userId);
    expect(told).toMatchObject({ kind: 'ACTING_APPOINTMENT', link: `${CONSOLE}/kotak-masuk` });
    expect(told.content.id.title).toBe('Anda ditunjuk sebagai pelaksana tugas Lurah/Kepala Desa Balik Alam');
    expect(told.content.id.body).toContain('menggantikan Lurah Balik Alam');
    expect((await inboxOf(lurah.userId)).map((n) => n.kind)).not.toContain('ACTING_APPOINTMENT');

    // A proposal reaches the Lurah's stage while the appointment is in force; its reminder goes to the Plt, not the absent Lurah.
    const proposalId = await submitProposal(VILLAGE, 'Sumur bor RT 02');
    const stage = await expectEventually(async () => {
      const open = await openStageOf(approvalsDb, proposalId);
      expect(open?.role).toBe('LURAH');
      return open!;
    });
    expect(await approvals.get(FireStageTimerUseCase).execute({ stageId: stage.id, kind: 'REMINDER_BEFORE', generation: 1 })).toBe('fired');
    const [reminder] = await expectEventually(async () => {
      const reminders = (await inboxOf(plt.userId)).filter((n) => n.kind === 'APPROVAL_REMINDER');
      expect(reminders).toHaveLength(1);
      return reminders;
    });
    expect(reminder.acting_for).toEqual({ role: 'LURAH', regionCode: VILLAGE });
    expect(reminder.content.en.body).toContain('which you take as acting official for Lurah/Village Head Balik Alam');
    expect((await inboxOf(lurah.userId)).filter((n) => n.kind === 'APPROVAL_REMINDER')).toEqual([]);
    // The stage itself still reaches both: the Lurah may be back before it is decided.
    await expectEventually(async () => expect((await inboxOf(lurah.userId)).map((n) => n.kind)).toContain('STAGE_OPENED'));
  });

  it('names, in a new Plt’s message, the proposals already waiting for the post, which the stage’s own message told only the absent official', async () => {
    const village = '14.03.09.1002'; // Babussalam, Mandau
    const absent = user(`lurah.${village}`, 'LURAH', village, { displayName: 'Lurah Babussalam' });
    const acting = user('sekretaris.lurah.babussalam', 'LURAH', '14.03.09.1003', { displayName: 'Sekretaris Babussalam' });
    for (const u of [absent, acting]) await events.saveUser(u);
    await waitForUsers(notifications.db, [absent, acting]);
    await submitProposal(village, 'Jalan setapak RT 05');
    await expectEventually(async () => expect((await inboxOf(absent.userId)).map((n) => n.kind)).toEqual(['STAGE_OPENED']));

    const now = Date.now();
    await approvals.get(AppointActingOfficialUseCase).execute(admin, {
      acting: { userId: acting.userId, username: acting.username, role: 'LURAH', regionCode: '14.03.09.1003' },
      actingFor: { userId: absent.userId, username: absent.username, role: 'LURAH', regionCode: village },
      validFrom: new Date(now - 3600_000).toISOString(),
      validUntil: new Date(now + 7 * 24 * 3600_000).toISOString(),
    });

    const [mail] = await expectEventually(() => {
      const received = catcher.to(acting.email!);
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail.subject).toBe('Anda ditunjuk sebagai pelaksana tugas Lurah/Kepala Desa Babussalam');
    expect(mail.text.replace(/\r\n/g, '\n')).toContain(
      'Usulan yang kini menunggu keputusan Lurah/Kepala Desa (1):\n- Jalan setapak RT 05 (Babussalam)\nLihat usulan yang menunggu: ',
    );
    const [told] = await inboxOf(acting.userId);
    expect(told.kind).toBe('ACTING_APPOINTMENT');
    expect(told.content.en.body).toContain('Waiting for the Lurah/Village Head now (1):\n- Jalan setapak RT 05 (Babussalam)');
  });
});
