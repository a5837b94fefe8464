import { randomUUID } from 'node:crypto';
import {
  ProgressReportedPayload,
  ProgressReportedV1,
  ProgressReportVerifiedPayload,
  ProgressReportVerifiedV1,
  UserSavedPayload,
} from '@alur/contracts';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { actorOf, EventPublisher, notificationsOf, RunningNotifications, useMailedNotifications, user } from './notifications-harness';

const VILLAGE = '14.03.09.1004'; // Balik Alam, Mandau, Kabupaten Bengkalis (14.03)
const CONSOLE = 'http://console.alur.test';
const NBSP = '\u00a0';

// The demo's verifiers: Mandau's, the regency's (who may verify any report of it) and another kecamatan's.
const mandau = user('verifikator.14.03.09', 'VERIFIKATOR', '14.03.09', { displayName: 'Verifikator Dinas Teknis Kecamatan Mandau' });
const regency = user('verifikator', 'VERIFIKATOR', '14.03', { displayName: 'Verifikator Dinas Teknis Kabupaten Bengkalis' });
const elsewhere = user('verifikator.14.03.13', 'VERIFIKATOR', '14.03.13');
const bkm = user(`bkm.${VILLAGE}`, 'BKM', VILLAGE, { displayName: 'BKM Balik Alam' });
// A village of Kecamatan Bengkalis, which has no verifier of its own here.
const damon = user('bkm.14.03.01.1002', 'BKM', '14.03.01.1002', { displayName: 'BKM Damon' });
type Report = Pick<ProgressReportedPayload, 'proposalId' | 'disbursementId' | 'villageCode' | 'reportId'>;
type Progress = Pick<ProgressReportedPayload, 'physicalProgressPercent' | 'amountSpent' | 'final'>;

describe('the kecamatan’s verifier is told a progress report waits, and the BKM whether it was accepted or sent back', () => {
  const isolation = createTestIsolation();
  let catcher: MailCatcher;
  let service: RunningNotifications;
  let events: EventPublisher;
  const inboxOf = (u: UserSavedPayload, proposalId: string) => notificationsOf(service.db, u, proposalId);
  const kindsOf = async (u: UserSavedPayload, proposalId: string) => (await inboxOf(u, proposalId)).map((n) => n.kind);
  const mailTo = (u: UserSavedPayload, title: string) =>
    catcher.to(u.email!).filter((m) => m.subject.startsWith('Laporan kemajuan') && m.subject.includes(title));
  const received = (u: UserSavedPayload, title: string, count: number) =>
    expectEventually(() => {
      const mails = mailTo(u, title);
      expect(mails).toHaveLength(count);
      return mails.map((m) => ({ subject: m.subject, text: m.text.replace(/\r\n/g, '\n') }));
    });

  /** A proposal of Balik Alam's BKM, funded: its disbursement. */
  const submit = async (title: string, of = bkm) => ({ proposalId: await events.submitProposal(title, of), disbursementId: randomUUID() });
  async function reportProgress(funded: { proposalId: string; disbursementId: string }, progress: Progress, villageCode = VILLAGE) {
    const report: Report = { ...funded, villageCode, reportId: randomUUID() };
    const event = await events.publish(ProgressReportedV1, report.proposalId, {
      ...report,
      ...progress,
      reportedAt: '2026-06-10T03:00:00Z',
    });
    return { report, progress, event };
  }
  const verify = (
    { report, progress }: { report: Report; progress: Progress },
    decision: ProgressReportVerifiedPayload['decision'],
    note: string | null,
  ) =>
    events.publish(ProgressReportVerifiedV1, report.proposalId, {
      ...report,
      ...progress,
      decision,
      note,
      verifiedBy: actorOf(mandau),
      verifiedAt: '2026-06-11T02:00:00Z',
    });

  useMailedNotifications(
    isolation,
    [mandau, regency, elsewhere, bkm, damon],
    { WEB_CONSOLE_URL: CONSOLE },
    (world) => ({ catcher, service, events } = world),
  );

  it('asks the verifier of the village’s kecamatan to check a report, linking to their queue; not the regency’s verifier nor another kecamatan’s', async () => {
    const funded = await submit('Drainase RT 03');
    const reported = await reportProgress(funded, { physicalProgressPercent: 45, amountSpent: 52_300_000, final: false });

    const [mail] = await received(mandau, 'Drainase RT 03', 1);
    expect(mail.subject).toBe('Laporan kemajuan menunggu verifikasi: Drainase RT 03 (Balik Alam)');
    expect(mail.text).toContain(
      `BKM Balik Alam melaporkan kemajuan fisik 45% untuk usulan "Drainase RT 03" dengan dana terpakai Rp${NBSP}52.300.000 ` +
        'pada 10 Juni 2026 pukul 10.00 WIB.\n' +
        'Periksa di lokasi, lalu terima laporan atau kembalikan dengan catatan.\n' +
        `Verifikasi di: ${CONSOLE}/verifikasi`,
    );
    // The message is about the proposal (its inbox keeps it with the proposal) and leads to the queue where reports are decided.
    const [asked] = await inboxOf(mandau, funded.proposalId);
    expect(asked).toMatchObject({ kind: 'PROGRESS_REPORTED', link: `${CONSOLE}/verifikasi` });
    expect(asked.content.en.title).toBe('Progress report awaiting verification: Drainase RT 03 (Balik Alam)');

    // One event's notifications are added together: nobody else was told, nor is yet to be.
    expect(await inboxOf(regency, funded.proposalId)).toEqual([]);
    expect(await inboxOf(elsewhere, funded.proposalId)).toEqual([]);
    expect(await kindsOf(bkm, funded.proposalId)).toEqual(['PROPOSAL_SUBMITTED']);
    expect(mailTo(regency, 'Drainase RT 03')).toEqual([]);
    expect(mailTo(elsewhere, 'Drainase RT 03')).toEqual([]);

    // The same report again adds nothing. Events of one proposal are handled in order: once the verification
    // reaches the BKM, the repeated report before it was handled too.
    await events.redeliver(ProgressReportedV1, reported.event);
    await verify(reported, 'ACCEPTED', null);
    await expectEventually(async () => expect(await kindsOf(bkm, funded.proposalId)).toEqual(['PROPOSAL_SUBMITTED', 'PROGRESS_ACCEPTED']));
    expect(await kindsOf(mandau, funded.proposalId)).toEqual(['PROGRESS_REPORTED']);
    await received(bkm, 'Drainase RT 03', 1);
    expect(mailTo(mandau, 'Drainase RT 03')).toHaveLength(1);
  });

  it('asks the regency’s verifier where the village’s kecamatan has no verifier of its own, so that no report waits unheard of', async () => {
    const funded = await submit('Jalan setapak RT 01', damon);
    await reportProgress(funded, { physicalProgressPercent: 30, amountSpent: 40_000_000, final: false }, damon.regionCode);

    const [mail] = await received(regency, 'Jalan setapak RT 01', 1);
    expect(mail.subject).toBe('Laporan kemajuan menunggu verifikasi: Jalan setapak RT 01 (Damon)');
    expect(mail.text).toContain(`Verifikasi di: ${CONSOLE}/verifikasi`);
    // The other kecamatan's verifiers do not stand in for Bengkalis'.
    expect(await inboxOf(mandau, funded.proposalId)).toEqual([]);
    expect(await inboxOf(elsewhere, funded.proposalId)).toEqual([]);
  });

  it('tells the BKM its report was sent back, quoting the verifier’s note, then that its final report was accepted; repeated events add nothing', async () => {
    const funded = await submit('Sumur bor RT 02');
    const first = await reportProgress(funded, { physicalProgressPercent: 100, amountSpent: 230_000_000, final: true });
    const sentBack = await verify(first, 'SENT_BACK', 'Foto pompa dan bak penampung belum ada');
    await events.redeliver(ProgressReportVerifiedV1, sentBack);

    const [told] = await received(bkm, 'Sumur bor RT 02', 1);
    expect(told.subject).toBe('Laporan kemajuan 100% dikembalikan: Sumur bor RT 02');
    expect(told.text).toContain(
      `Laporan kemajuan fisik 100% (laporan akhir/LPJ) untuk usulan "Sumur bor RT 02" dengan dana terpakai Rp${NBSP}230.000.000 ` +
        'dikembalikan verifikator pada 11 Juni 2026 pukul 09.00 WIB.\n' +
        'Catatan verifikator: Foto pompa dan bak penampung belum ada\n' +
        'Laporkan kembali kemajuan sesuai kondisi di lokasi.\n' +
        `Lihat usulan: ${CONSOLE}/proposals/${funded.proposalId}`,
    );
    const [returned] = (await inboxOf(bkm, funded.proposalId)).filter((n) => n.kind === 'PROGRESS_SENT_BACK');
    expect(returned.link).toBe(`${CONSOLE}/proposals/${funded.proposalId}`);
    expect(returned.content.en.body).toContain("Verifier's note: Foto pompa dan bak penampung belum ada\nReport the progress again");

    // The BKM reports again, with the photos; the verifier is asked again and accepts it.
    const second = await reportProgress(funded, { physicalProgressPercent: 100, amountSpent: 230_000_000, final: true });
    await verify(second, 'ACCEPTED', 'Sesuai RAB');

    const mails = await received(bkm, 'Sumur bor RT 02', 2);
    const lpj = mails.find((m) => m.subject === 'Laporan kemajuan 100% diterima: Sumur bor RT 02')!;
    expect(lpj.text).toContain(
      'diterima verifikator pada 11 Juni 2026 pukul 09.00 WIB.\nLaporan akhir (LPJ) telah diterima.\nCatatan verifikator: Sesuai RAB\n',
    );
    // Once the acceptance reached the BKM, every event before it was handled: the repeated send-back added nothing.
    expect(await kindsOf(bkm, funded.proposalId)).toEqual(['PROPOSAL_SUBMITTED', 'PROGRESS_SENT_BACK', 'PROGRESS_ACCEPTED']);
    expect(await kindsOf(mandau, funded.proposalId)).toEqual(['PROGRESS_REPORTED', 'PROGRESS_REPORTED']);
    expect(await inboxOf(regency, funded.proposalId)).toEqual([]);
  });
});
