import { randomUUID } from 'node:crypto';
import { SpmReturnedPayload, SpmReturnedV1, TranchePreparedV1, UserSavedPayload } from '@alur/contracts';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { MailCatcher } from '../../apps/notifications/src/dev/mail-catcher';
import { actorOf, EventPublisher, notificationsOf, RunningNotifications, useMailedNotifications, user } from './notifications-harness';

const VILLAGE = '14.03.09.1004'; // Balik Alam, Mandau, Kabupaten Bengkalis (14.03)
const CONSOLE = 'http://console.alur.test';
const NBSP = '\u00a0';
const ACCOUNT_NUMBER = '1230045678';

// BPKAD's two demo officials: one prepares an SPM, the other authorises it or returns it.
const ppk = user('bpkad', 'BPKAD', '14.03', { displayName: 'PPK-SKPD BPKAD Kabupaten Bengkalis' });
const kuasaBud = user('bpkad.kuasa-bud', 'BPKAD', '14.03', { displayName: 'Kuasa BUD BPKAD Kabupaten Bengkalis', language: 'en' });
const bkm = user(`bkm.${VILLAGE}`, 'BKM', VILLAGE, { displayName: 'BKM Balik Alam' });
type Tranche = Pick<SpmReturnedPayload, 'proposalId' | 'disbursementId' | 'villageCode' | 'trancheNumber' | 'trancheCount'>;

describe('BPKAD’s second official is asked to authorise an SPM, and its preparer told when it comes back', () => {
  const isolation = createTestIsolation();
  let catcher: MailCatcher;
  let service: RunningNotifications;
  let events: EventPublisher;
  const inboxOf = (u: UserSavedPayload, proposalId: string) => notificationsOf(service.db, u, proposalId);
  const mailTo = (u: UserSavedPayload, title: string) => catcher.to(u.email!).filter((m) => m.subject.includes(title));

  /** A BKM's submitted proposal and its first tranche. */
  async function submit(title: string): Promise<{ proposalId: string; tranche: Tranche }> {
    const proposalId = await events.submitProposal(title, bkm);
    return { proposalId, tranche: { proposalId, disbursementId: randomUUID(), villageCode: VILLAGE, trancheNumber: 1, trancheCount: 2 } };
  }
  const prepare = (tranche: Tranche, sp2dNumber: string, accountChangeNote?: string) =>
    events.publish(TranchePreparedV1, tranche.proposalId, {
      ...tranche,
      amount: 118_750_000,
      sp2dNumber,
      bankAccount: { bankName: 'Bank Riau Kepri Syariah', accountNumber: ACCOUNT_NUMBER, accountHolder: 'BKM Balik Alam' },
      ...(accountChangeNote ? { accountChangeNote } : {}),
      preparedBy: actorOf(ppk),
      preparedAt: '2026-03-12T07:30:00Z',
    });
  const giveBack = (tranche: Tranche, sp2dNumber: string, reason: string) =>
    events.publish(SpmReturnedV1, tranche.proposalId, {
      ...tranche,
      sp2dNumber,
      reason,
      preparedBy: actorOf(ppk),
      returnedBy: actorOf(kuasaBud),
      returnedAt: '2026-03-12T08:15:00Z',
    });

  useMailedNotifications(isolation, [ppk, kuasaBud, bkm], { WEB_CONSOLE_URL: CONSOLE }, (world) => ({ catcher, service, events } = world));

  it('asks the other BPKAD official to authorise a prepared SPM, not the one who prepared it, and leaves the account number out', async () => {
    const { proposalId, tranche } = await submit('Drainase RT 03');
    await prepare(tranche, '0012/SP2D/LS/2026');

    // Kuasa BUD reads it in English, as they chose; the inbox keeps both languages.
    const [mail] = await expectEventually(() => {
      const received = mailTo(kuasaBud, 'Drainase RT 03');
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail.subject).toBe('SPM awaiting authorisation: Drainase RT 03 (Balik Alam)');
    expect(mail.text).toContain(
      `The SPM for tranche (termin) 1 of 2 of the proposal "Drainase RT 03" from Balik Alam, Rp${NBSP}118.750.000 under SP2D number ` +
        '0012/SP2D/LS/2026, was prepared on 12 March 2026 at 14.30 WIB and awaits authorisation by a BPKAD official other than the one who prepared it.',
    );
    expect(mail.text).toContain(`View the proposal: ${CONSOLE}/proposals/${proposalId}`);
    expect(mail.text).not.toContain(ACCOUNT_NUMBER);
    const [asked] = await inboxOf(kuasaBud, proposalId);
    expect(asked).toMatchObject({ kind: 'SPM_PREPARED', link: `${CONSOLE}/proposals/${proposalId}` });
    expect(asked.content.id.title).toBe('SPM menunggu otorisasi: Drainase RT 03 (Balik Alam)');
    expect(asked.content.id.body).toContain(
      `SPM termin 1 dari 2 untuk usulan "Drainase RT 03" dari Balik Alam sebesar Rp${NBSP}118.750.000 dengan SP2D nomor 0012/SP2D/LS/2026 ` +
        'disiapkan pada 12 Maret 2026 pukul 14.30 WIB dan menunggu otorisasi pejabat BPKAD selain penyiapnya.',
    );

    // One event's notifications are added together: the preparer and the BKM were left out, not yet to come.
    expect(await inboxOf(ppk, proposalId)).toEqual([]);
    expect((await inboxOf(bkm, proposalId)).map((n) => n.kind)).toEqual(['PROPOSAL_SUBMITTED']);
    expect(mailTo(ppk, 'Drainase RT 03')).toEqual([]);
  });

  it('tells the preparer that their SPM was returned, with the reason, and nobody else; repeated events add nothing', async () => {
    const { proposalId, tranche } = await submit('Sumur bor RT 02');
    const prepared = await prepare(tranche, '0013/SP2D/LS/2026');
    await events.redeliver(TranchePreparedV1, prepared);
    const returned = await giveBack(tranche, '0013/SP2D/LS/2026', 'Nama pemilik rekening tidak sesuai dengan BKM');
    await events.redeliver(SpmReturnedV1, returned);

    const [mail] = await expectEventually(() => {
      const received = mailTo(ppk, 'Sumur bor RT 02');
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail.subject).toBe('SPM dikembalikan: Sumur bor RT 02 (Balik Alam)');
    expect(mail.text.replace(/\r\n/g, '\n')).toContain(
      'SPM termin 1 dari 2 untuk usulan "Sumur bor RT 02" dari Balik Alam dengan SP2D nomor 0013/SP2D/LS/2026 dikembalikan ' +
        'pada 12 Maret 2026 pukul 15.15 WIB.\n' +
        'Alasan: Nama pemilik rekening tidak sesuai dengan BKM\n' +
        'Setelah diperbaiki, siapkan SPM baru; nomor SP2D 0013/SP2D/LS/2026 dapat dipakai kembali.\n' +
        `Lihat usulan: ${CONSOLE}/proposals/${proposalId}`,
    );
    const [told] = await inboxOf(ppk, proposalId);
    expect(told.kind).toBe('SPM_RETURNED');
    expect(told.content.en.title).toBe('SPM returned: Sumur bor RT 02 (Balik Alam)');
    expect(told.content.en.body).toContain(
      'Reason: Nama pemilik rekening tidak sesuai dengan BKM\nOnce it is corrected, prepare a new SPM;',
    );

    // The preparer corrects it and prepares a new one. Events of one proposal are handled in order: once its
    // request reaches Kuasa BUD, the repeated events before it were handled too, and added nothing.
    await prepare(tranche, '0013/SP2D/LS/2026');
    await expectEventually(async () =>
      expect((await inboxOf(kuasaBud, proposalId)).map((n) => n.kind)).toEqual(['SPM_PREPARED', 'SPM_PREPARED']),
    );
    expect((await inboxOf(ppk, proposalId)).map((n) => n.kind)).toEqual(['SPM_RETURNED']);
    // One e-mail per SPM: the deliveries go out once their event's transaction commits.
    await expectEventually(() => expect(mailTo(kuasaBud, 'Sumur bor RT 02')).toHaveLength(2));
    expect(mailTo(ppk, 'Sumur bor RT 02')).toHaveLength(1);
    expect((await inboxOf(bkm, proposalId)).map((n) => n.kind)).toEqual(['PROPOSAL_SUBMITTED']);
  });

  it('warns the authoriser of an SPM to another account than the proposal’s, and tells the BKM before the money goes', async () => {
    const { proposalId, tranche } = await submit('Jalan setapak RT 05');
    await prepare(tranche, '0014/SP2D/LS/2026', 'Surat BKM No. 12/XI/2026: rekening pindah ke BRI');

    const [mail] = await expectEventually(() => {
      const received = mailTo(bkm, 'Jalan setapak RT 05').filter((m) => m.subject.startsWith('Termin 1'));
      expect(received).toHaveLength(1);
      return received;
    });
    expect(mail.subject).toBe('Termin 1 akan dibayar ke rekening lain: Jalan setapak RT 05');
    expect(mail.text).toContain('Alasan yang dicatat BPKAD: Surat BKM No. 12/XI/2026: rekening pindah ke BRI');
    expect(mail.text).toContain('Bila BKM tidak meminta perubahan rekening ini, segera hubungi BPKAD sebelum dana dicairkan.');
    expect(mail.text).not.toContain(ACCOUNT_NUMBER);
    expect((await inboxOf(bkm, proposalId)).map((n) => n.kind)).toEqual(['PROPOSAL_SUBMITTED', 'PAYEE_ACCOUNT_CHANGED']);
    const [asked] = await inboxOf(kuasaBud, proposalId);
    expect(asked.content.en.body).toContain(
      'Note: this SPM pays into another account than the one in the proposal; read why before authorising it.',
    );
    expect(await inboxOf(ppk, proposalId)).toEqual([]);
  });
});
