import { randomUUID } from 'node:crypto';
import { BaseEnv } from '@alur/config';
import { ApprovalStageRef, EventEnvelope } from '@alur/contracts';
import { AfterCommit } from '@alur/database';
import { EventNotReadyError } from '@alur/messaging';
import { Region } from '@alur/regions';
import { firstApprovalStage } from '@alur/testing';
import { SmsGatewaySender } from '../../delivery/channels/sms-gateway.sender';
import { DeliveryDispatcher } from '../../delivery/delivery-dispatcher';
import { TemplateRenderer } from '../../messages/template-renderer';
import {
  planProgressReported,
  planProposalReturned,
  planProposalWithdrawn,
  planReminderDue,
  planSpmPrepared,
  planStageOpened,
} from '../../recipients/domain/notification-plans';
import { DirectoryUser } from '../../recipients/domain/recipient-resolver';
import {
  InMemoryDeliveries,
  InMemoryDigests,
  InMemoryDirectory,
  InMemoryNotifications,
  InMemoryPreferences,
} from '../../testing/in-memory-repositories';
import { NotifyRecipientsUseCase } from './notify-recipients.use-case';

// Who is told what of an event, against in-memory repositories: no database, so a broken rule fails in milliseconds.
// The SQL, the consumer's transaction and the real sends are the end-to-end tests' (test/notifications/delivery.e2e-spec.ts).

const as = <T>(fake: Partial<T>) => fake as T;
const tx = {} as never;

const VILLAGE = '14.03.09.1004';
const OTHER_VILLAGE = '14.03.09.1006';
const DISTRICT = '14.03.09';
const CONSOLE = 'http://console.alur.test';
const AT = '2026-03-12T07:30:00Z';
const REGIONS: Record<string, string> = { [VILLAGE]: 'Balik Alam', [OTHER_VILLAGE]: 'Air Jamban', [DISTRICT]: 'Mandau' };
const regions = {
  get: (code: string) => (REGIONS[code] ? ({ code, name: REGIONS[code] } as Region) : undefined),
  placeNameOf: (code: string) => REGIONS[code] ?? code,
};

const person = (userId: string, role: DirectoryUser['role'], regionCode: string, over: Partial<DirectoryUser> = {}): DirectoryUser => ({
  userId,
  username: userId,
  displayName: `Pak ${userId}`,
  role,
  regionCode,
  language: 'id',
  email: `${userId}@bengkalis.test`,
  phone: '+6281200000001',
  active: true,
  ...over,
});
const bkm = person('bkm', 'BKM', VILLAGE);
const lurah = person('lurah', 'LURAH', VILLAGE);
const formerLurah = person('former-lurah', 'LURAH', VILLAGE, { active: false });
const otherLurah = person('other-lurah', 'LURAH', OTHER_VILLAGE);
const camat = person('camat', 'CAMAT', DISTRICT);
const sekcam = person('sekcam', 'LURAH', OTHER_VILLAGE, { displayName: 'Plt Camat', email: 'plt@bengkalis.test' });
const ppk = person('ppk', 'BPKAD', '14.03');
const kuasaBud = person('kuasa-bud', 'BPKAD', '14.03');

const proposalId = '6f1c2a34-0000-4000-8000-000000000001';
const stage = (over: Partial<ApprovalStageRef> = {}): ApprovalStageRef =>
  firstApprovalStage({ proposalId, title: 'Drainase RT 03', villageCode: VILLAGE, programCode: 'BK-DESA-2026' }, over);
/** The SPM of tranche 1 prepared by `preparer`, as the disbursements service announces it. */
const spmPreparedBy = (preparer: DirectoryUser) =>
  planSpmPrepared(
    {
      proposalId,
      disbursementId: '6f1c2a34-0000-4000-8000-0000000000dd',
      villageCode: VILLAGE,
      trancheNumber: 1,
      trancheCount: 2,
      amount: 118_750_000,
      sp2dNumber: '0012/SP2D/LS/2026',
      bankAccount: { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' },
      preparedBy: { userId: preparer.userId, username: preparer.username, role: preparer.role, regionCode: preparer.regionCode },
      preparedAt: AT,
    },
    () => '14.03',
  );
const envelope = (id: string = randomUUID()): EventEnvelope =>
  as<EventEnvelope>({ id, occurredAt: AT, type: 'approvals.test', version: 1, payload: {} });

function setUp({ smsConfigured = false } = {}) {
  const preferences = new InMemoryPreferences();
  const directory = new InMemoryDirectory(preferences).add(bkm, lurah, formerLurah, otherLurah, camat, sekcam, ppk, kuasaBud);
  const digests = new InMemoryDigests();
  const deliveries = new InMemoryDeliveries();
  const notifications = new InMemoryNotifications(deliveries, digests);
  const afterCommit = { run: jest.fn((_tx: unknown, task: () => Promise<unknown>) => void task()) };
  const dispatcher = { dispatch: jest.fn(async () => undefined) };
  const useCase = new NotifyRecipientsUseCase(
    as<BaseEnv>({ WEB_CONSOLE_URL: `${CONSOLE}/` }),
    directory,
    notifications,
    new TemplateRenderer('Asia/Jakarta', regions),
    as<SmsGatewaySender>({ configured: smsConfigured }),
    as<AfterCommit>(afterCommit),
    as<DeliveryDispatcher>(dispatcher),
  );
  const inboxOf = (user: DirectoryUser) => notifications.rows.filter((n) => n.recipientUserId === user.userId);
  const deliveriesTo = (user: DirectoryUser) => deliveries.rows.filter((d) => d.recipientUserId === user.userId);
  return { useCase, directory, preferences, notifications, digests, deliveries, afterCommit, dispatcher, inboxOf, deliveriesTo };
}

describe('telling everyone concerned of an event', () => {
  it('gives the officials who must decide one inbox notification each, in both languages, and e-mails them by default', async () => {
    const { useCase, notifications, deliveries, inboxOf, dispatcher } = setUp();
    const event = envelope();

    await useCase.execute(tx, event, planStageOpened({ ...stage(), openedAt: AT, dueAt: '2026-03-17T07:30:00Z' }));

    // The Lurah of the village, and no one else: not the one no longer active, not the Lurah of another village, not the BKM.
    expect(notifications.rows.map((n) => [n.recipientUserId, n.kind, n.eventId])).toEqual([['lurah', 'STAGE_OPENED', event.id]]);
    const [notification] = inboxOf(lurah);
    expect(notification).toMatchObject({ proposalId, link: `${CONSOLE}/proposals/${proposalId}`, actingFor: null, readAt: null });
    expect(notification.content.id.title).toBe('Usulan menunggu keputusan Anda: Drainase RT 03 (Balik Alam)');
    expect(notification.content.en!.title).toBe('A proposal awaits your decision: Drainase RT 03 (Balik Alam)');
    // E-mail only: SMS and WhatsApp are off until the user asks for them.
    expect(deliveries.rows).toEqual([
      expect.objectContaining({
        sourceId: event.id,
        recipientUserId: 'lurah',
        channel: 'email',
        kind: 'STAGE_OPENED',
        notificationId: notification.id,
        address: lurah.email,
        subject: notification.content.id.title,
        body: notification.content.id.body,
      }),
    ]);
    expect(dispatcher.dispatch).toHaveBeenCalledWith([{ id: deliveries.rows[0].id, retryRound: 0 }]);
  });

  it('adds nothing when the same event comes again (a redelivery, a replayed dead letter), and sends nothing more', async () => {
    const { useCase, notifications, deliveries, afterCommit } = setUp();
    const event = envelope();
    const plans = planStageOpened({ ...stage(), openedAt: AT, dueAt: AT });

    await useCase.execute(tx, event, plans);
    await useCase.execute(tx, event, plans);

    expect(notifications.rows).toHaveLength(1);
    expect(deliveries.rows).toHaveLength(1);
    expect(afterCommit.run).toHaveBeenCalledTimes(1);
  });

  it('tells a user once of a new event of the same kind: one notification per event, recipient and kind', async () => {
    const { useCase, inboxOf } = setUp();
    const plans = planStageOpened({ ...stage(), openedAt: AT, dueAt: AT });

    await useCase.execute(tx, envelope(), plans);
    await useCase.execute(tx, envelope(), plans);

    expect(inboxOf(lurah)).toHaveLength(2);
  });

  it('sends on the channels the user chose, in their language; SMS carries the title and the link only', async () => {
    const { useCase, preferences, deliveriesTo } = setUp({ smsConfigured: true });
    await preferences.save(tx, bkm.userId, {
      language: 'en',
      digest: false,
      channels: { STATUS: { email: false, sms: true, whatsapp: true } },
    });

    await useCase.execute(tx, envelope(), planProposalReturned({ ...stage(), note: 'Lengkapi RAB', returnedAt: AT }));

    const sent = deliveriesTo(bkm);
    expect(sent.map((d) => [d.channel, d.address])).toEqual([
      ['sms', bkm.phone],
      ['whatsapp', bkm.phone],
    ]);
    expect(sent[0].subject).toBe('Proposal returned for revision: Drainase RT 03');
    expect(sent[0].body).toBe(`Proposal returned for revision: Drainase RT 03 ${CONSOLE}/proposals/${proposalId}`);
  });

  it('sends no SMS or WhatsApp while the regency has no SMS gateway, nor to a user without the address', async () => {
    const { useCase, preferences, deliveriesTo } = setUp({ smsConfigured: false });
    await preferences.save(tx, bkm.userId, { language: null, digest: false, channels: { STATUS: { sms: true } } });

    await useCase.execute(tx, envelope(), planProposalReturned({ ...stage(), note: 'Lengkapi RAB', returnedAt: AT }));

    expect(deliveriesTo(bkm).map((d) => d.channel)).toEqual(['email']);
  });

  it('names a proposal by the service’s own copy of its title when the event does not carry it', async () => {
    const { useCase, directory, inboxOf } = setUp();
    directory.rememberingProposal(proposalId, 'Sumur bor', VILLAGE);

    const withdrawn = {
      proposalId,
      programCode: 'BK-DESA-2026',
      programVersion: 1,
      villageCode: VILLAGE,
      districtCode: DISTRICT,
      regencyCode: '14.03',
      fromStatus: 'IN_REVIEW',
      submissionNumber: 1,
      reason: null,
    };
    await useCase.execute(tx, envelope(), planProposalWithdrawn(withdrawn, { role: 'LURAH', regionCode: VILLAGE }));

    expect(inboxOf(bkm)[0].content.id.title).toBe('Usulan ditarik: Sumur bor (Balik Alam)');
    expect(inboxOf(lurah)).toHaveLength(1);
  });

  it('keeps a reminder for the daily digest of an official who chose one, instead of sending it', async () => {
    const { useCase, preferences, digests, inboxOf, deliveriesTo, afterCommit } = setUp();
    await preferences.save(tx, lurah.userId, { language: null, digest: true, channels: {} });

    await useCase.execute(tx, envelope(), planReminderDue({ ...stage(), kind: 'OVERDUE', dueAt: AT, remindedAt: AT }));

    const [reminder] = inboxOf(lurah);
    expect(reminder.kind).toBe('APPROVAL_REMINDER');
    expect(deliveriesTo(lurah)).toEqual([]);
    expect(digests.items).toEqual([
      {
        notificationId: reminder.id,
        userId: lurah.userId,
        line: { title: 'Drainase RT 03', villageName: 'Balik Alam', overdue: true, dueAt: AT, link: `${CONSOLE}/proposals/${proposalId}` },
        digestId: null,
      },
    ]);
    expect(afterCommit.run).not.toHaveBeenCalled();
  });

  it('reminds the acting official (Plt) in place of the absent one, saying for whom they act', async () => {
    const { useCase, directory, inboxOf } = setUp();
    await directory.saveAppointment(tx, {
      appointmentId: randomUUID(),
      actingUserId: sekcam.userId,
      actingForUserId: camat.userId,
      role: 'CAMAT',
      regionCode: DISTRICT,
      validFrom: new Date('2026-03-01T00:00:00Z'),
      validUntil: new Date('2026-03-31T00:00:00Z'),
    });
    const camatStage = stage({ stageOrder: 2, role: 'CAMAT', regionLevel: 'district', regionCode: DISTRICT });

    await useCase.execute(tx, envelope(), planReminderDue({ ...camatStage, kind: 'BEFORE_DUE', dueAt: AT, remindedAt: AT }));

    expect(inboxOf(camat)).toEqual([]);
    expect(inboxOf(sekcam)).toEqual([
      expect.objectContaining({ kind: 'APPROVAL_REMINDER', actingFor: { role: 'CAMAT', regionCode: DISTRICT } }),
    ]);
    expect(inboxOf(sekcam)[0].content.id.body).toContain('pelaksana tugas Camat Mandau');
  });

  it('asks the BPKAD officials of the regency to authorise an SPM, but not the one who prepared it (four eyes)', async () => {
    const { useCase, directory, notifications, inboxOf } = setUp();
    directory.rememberingProposal(proposalId, 'Drainase RT 03', VILLAGE);

    await useCase.execute(tx, envelope(), spmPreparedBy(ppk));

    expect(notifications.rows.map((n) => [n.recipientUserId, n.kind])).toEqual([['kuasa-bud', 'SPM_PREPARED']]);
    expect(inboxOf(kuasaBud)[0].content.id.title).toBe('SPM menunggu otorisasi: Drainase RT 03 (Balik Alam)');
  });

  it('tells nobody, without waiting for users still arriving, of an SPM whose preparer is the regency’s only BPKAD official', async () => {
    const { useCase, directory, notifications } = setUp();
    directory.users.delete(kuasaBud.userId);
    directory.arriving = true;

    // The post's holder is in the directory: nothing is missing from it, there is simply nobody else to ask.
    await useCase.execute(tx, envelope(), spmPreparedBy(ppk));

    expect(notifications.rows).toEqual([]);
  });

  it('waits for a user named by the event who is not in the directory yet (the gateway’s UserSaved brings them)', async () => {
    const { useCase, notifications } = setUp();

    const notifying = useCase.execute(tx, envelope(), [
      {
        kind: 'ACTING_APPOINTMENT',
        audiences: [],
        userIds: ['not-yet-known'],
        proposalId: null,
        consolePath: '/kotak-masuk',
        title: '',
        villageCode: DISTRICT,
        facts: {},
      },
    ]);

    await expect(notifying).rejects.toBeInstanceOf(EventNotReadyError);
    expect(notifications.rows).toEqual([]);
  });

  it('waits when a stage’s officials are not in the directory yet while users are still arriving (saved just before, not yet handled)', async () => {
    const { useCase, directory, notifications } = setUp();
    directory.users.delete(lurah.userId);
    directory.arriving = true;

    const notifying = useCase.execute(tx, envelope(), planStageOpened({ ...stage(), openedAt: AT, dueAt: '2026-03-17T07:30:00Z' }));

    await expect(notifying).rejects.toBeInstanceOf(EventNotReadyError);
    expect(notifications.rows).toEqual([]);
    // Once the Lurah's UserSaved has been handled, the retry tells them.
    directory.arriving = false;
    directory.add(lurah);
    await useCase.execute(tx, envelope(), planStageOpened({ ...stage(), openedAt: AT, dueAt: '2026-03-17T07:30:00Z' }));
    expect(notifications.rows.map((n) => n.recipientUserId)).toEqual(['lurah']);
  });

  it('tells nobody, without waiting, of a stage whose post is vacant when no user is on the way', async () => {
    const { useCase, directory, notifications } = setUp();
    directory.users.delete(lurah.userId);

    await useCase.execute(tx, envelope(), planStageOpened({ ...stage(), openedAt: AT, dueAt: '2026-03-17T07:30:00Z' }));

    expect(notifications.rows).toEqual([]);
  });

  it('waits for a kecamatan’s own verifier still arriving rather than tell the regency’s, who stands in only where the kecamatan has none', async () => {
    const { useCase, directory, notifications } = setUp();
    const mandauVerifier = person('verifikator-mandau', 'VERIFIKATOR', DISTRICT);
    directory.add(person('verifikator', 'VERIFIKATOR', '14.03'));
    directory.arriving = true;
    const reported = () =>
      planProgressReported(
        {
          proposalId,
          disbursementId: '6f1c2a34-0000-4000-8000-0000000000dd',
          villageCode: VILLAGE,
          reportId: randomUUID(),
          physicalProgressPercent: 45,
          amountSpent: 52_300_000,
          final: false,
          reportedAt: AT,
        },
        () => DISTRICT,
        () => '14.03',
      );

    await expect(useCase.execute(tx, envelope(), reported())).rejects.toBeInstanceOf(EventNotReadyError);
    expect(notifications.rows).toEqual([]);
    // Once the users have arrived: Mandau's own verifier is asked, not the regency's.
    directory.arriving = false;
    directory.add(mandauVerifier);
    await useCase.execute(tx, envelope(), reported());
    expect(notifications.rows.map((n) => n.recipientUserId)).toEqual([mandauVerifier.userId]);
  });
});
