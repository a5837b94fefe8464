import { RegionDirectory } from '@alur/regions';
import { NOTIFICATION_KINDS, NotificationKind } from './domain/notification-kind';
import { TemplateRenderer, TemplateValues } from './template-renderer';

const renderer = new TemplateRenderer('Asia/Jakarta', RegionDirectory.shared());

const common = {
  title: 'Perbaikan drainase RT 03',
  villageName: 'Balik Alam',
  link: 'http://127.0.0.1:3000/proposals/6f1c2a34-0000-4000-8000-000000000001',
  recipientName: 'Camat Mandau',
  actingFor: null,
};
const stage = { role: 'LURAH', stageOrder: 1, stageCount: 5, programCode: 'BK-DESA-2026' };
const at = '2026-03-12T07:30:00Z';
const progress = { physicalProgressPercent: 45, amountSpent: 52_300_000, final: false };
const queueLink = 'http://127.0.0.1:3000/verifikasi';

/** A realistic set of values for every kind, as the notifier gives them. */
const SAMPLES: Record<NotificationKind, TemplateValues> = {
  PROPOSAL_SUBMITTED: {
    ...common,
    programmeName: 'Bantuan Keuangan Satu Miliar Satu Desa/Kelurahan 2026',
    budgetTotal: 250_000_000,
    selfHelpAmount: 12_500_000,
    requestedAmount: 237_500_000,
    submissionNumber: 2,
    resubmitted: true,
  },
  PROPOSAL_WITHDRAWN: { ...common, reason: 'Lokasi berubah', fromStatus: 'IN_REVIEW' },
  STAGE_OPENED: {
    ...common,
    ...stage,
    openedAt: at,
    dueAt: '2026-03-17T07:30:00Z',
    submissionNumber: 1,
    actingFor: { role: 'LURAH', regionCode: '14.03.09.1004' },
  },
  STAGE_APPROVED: { ...common, ...stage, decidedAt: at, note: null },
  PROPOSAL_RETURNED: { ...common, ...stage, note: 'Lengkapi foto lokasi', returnedAt: at },
  PROPOSAL_REJECTED: { ...common, ...stage, reason: 'Di luar wilayah kumuh', rejectedAt: at },
  PROPOSAL_APPROVED: { ...common, programmeName: 'KOTAKU (Kota Tanpa Kumuh) 2026', requestedAmount: 237_500_000, approvedAt: at },
  APPROVAL_REMINDER: { ...common, ...stage, overdue: true, dueAt: at },
  STAGE_ESCALATED: { ...common, ...stage, stageRegionCode: '14.03.09.1004', dueAt: at },
  PROPOSAL_DELAYED: { ...common, ...stage, stageRegionCode: '14.03.09.1004', dueAt: at },
  BUDGET_COMMITTED: {
    ...common,
    amount: 237_500_000,
    fiscalYear: 2026,
    trancheCount: 2,
    firstTrancheAmount: 118_750_000,
    committedAt: at,
    ceilingRegionCode: '14.03.09',
  },
  AWAITING_BUDGET: {
    ...common,
    programmeName: 'KOTAKU (Kota Tanpa Kumuh) 2026',
    ceilingRegionCode: '14.03.09',
    fiscalYear: 2026,
    requestedAmount: 237_500_000,
    available: 100_000_000,
  },
  TRANCHE_READY: { ...common, trancheNumber: 1, trancheCount: 2, amount: 118_750_000 },
  SPM_PREPARED: { ...common, trancheNumber: 1, trancheCount: 2, amount: 118_750_000, sp2dNumber: '0012/SP2D/LS/2026', preparedAt: at },
  SPM_RETURNED: {
    ...common,
    trancheNumber: 1,
    trancheCount: 2,
    sp2dNumber: '0012/SP2D/LS/2026',
    reason: 'Nama pemilik rekening tidak sesuai dengan BKM',
    returnedAt: at,
  },
  PAYEE_ACCOUNT_CHANGED: {
    ...common,
    trancheNumber: 1,
    trancheCount: 2,
    amount: 118_750_000,
    sp2dNumber: '0012/SP2D/LS/2026',
    preparedAt: at,
    reason: 'Surat BKM No. 12/XI/2026: rekening pindah ke BRI',
  },
  TRANCHE_RELEASED: { ...common, trancheNumber: 1, trancheCount: 2, amount: 118_750_001, sp2dNumber: '0012/SP2D/LS/2026', releasedAt: at },
  PROGRESS_REPORTED: { ...common, ...progress, reportedAt: at },
  PROGRESS_ACCEPTED: { ...common, ...progress, note: null, verifiedAt: at },
  PROGRESS_SENT_BACK: { ...common, ...progress, note: 'Foto saluran RT 03 belum ada', verifiedAt: at },
  PROPOSAL_COMPLETED: { ...common, totalReleased: 237_500_000, completedAt: at },
  ACTING_APPOINTMENT: {
    ...common,
    role: 'CAMAT',
    regionCode: '14.03.09',
    actingForName: 'Camat Mandau',
    validFrom: at,
    validUntil: '2026-03-31T00:00:00Z',
    awaitingCount: 0,
    awaitingList: '',
    awaitingMore: 0,
  },
  REMINDER_DIGEST: {
    recipientName: 'Lurah Balik Alam',
    count: 2,
    items: [
      { title: 'Drainase RT 03', villageName: 'Balik Alam', overdue: false, dueAt: at, link: 'http://x/proposals/1' },
      { title: 'Sumur bor', villageName: 'Balik Alam', overdue: true, dueAt: '2026-03-10T02:00:00Z', link: 'http://x/proposals/2' },
    ],
  },
};

describe('message templates', () => {
  it.each(Object.keys(NOTIFICATION_KINDS) as NotificationKind[])(
    'renders %s in Bahasa Indonesia and English with a title and a body',
    (kind) => {
      const { id, en } = renderer.renderAll(kind, SAMPLES[kind]);
      for (const message of [id, en]) {
        expect(message.title.length).toBeGreaterThan(5);
        expect(message.body.length).toBeGreaterThan(20);
        expect(message.title).not.toContain('\n');
        expect(`${message.title}\n${message.body}`).not.toMatch(/undefined|null|NaN|\{\{|\[object/);
      }
      expect(id.body).not.toEqual(en.body);
    },
  );

  it.each(
    (Object.keys(NOTIFICATION_KINDS) as NotificationKind[]).filter((kind) => kind !== 'REMINDER_DIGEST' && kind !== 'ACTING_APPOINTMENT'),
  )('names the proposal in the title of %s, which is also the e-mail subject and the SMS text', (kind) => {
    for (const message of Object.values(renderer.renderAll(kind, SAMPLES[kind])))
      expect(message.title).toContain('Perbaikan drainase RT 03');
  });

  it.each([
    'STAGE_OPENED',
    'APPROVAL_REMINDER',
    'STAGE_ESCALATED',
    'TRANCHE_READY',
    'SPM_PREPARED',
    'SPM_RETURNED',
    'PROGRESS_REPORTED',
    'AWAITING_BUDGET',
    'PROPOSAL_WITHDRAWN',
  ] as NotificationKind[])('adds the village to the title of %s, which officials receive for many villages', (kind) => {
    const { id, en } = renderer.renderAll(kind, SAMPLES[kind]);
    expect(id.title).toMatch(/: Perbaikan drainase RT 03 \(Balik Alam\)$/);
    expect(en.title).toMatch(/: Perbaikan drainase RT 03 \(Balik Alam\)$/);
  });

  it('writes a released tranche with its rupiah amount, SP2D number and the time in WIB, in either language', () => {
    const { id, en } = renderer.renderAll('TRANCHE_RELEASED', SAMPLES.TRANCHE_RELEASED);
    expect(id.title).toBe('Termin 1 dicairkan: Perbaikan drainase RT 03');
    expect(id.body).toContain(
      'sebesar Rp\u00a0118.750.001 telah dicairkan pada 12 Maret 2026 pukul 14.30 WIB dengan SP2D nomor 0012/SP2D/LS/2026',
    );
    expect(en.title).toBe('Tranche 1 released: Perbaikan drainase RT 03');
    expect(en.body).toContain('Rp\u00a0118.750.001, was released on 12 March 2026 at 14.30 WIB under SP2D number 0012/SP2D/LS/2026');
    expect(id.body).toContain(common.link);
  });

  it('asks for an SPM’s authorisation with its tranche, amount and SP2D number, and tells its preparer why it was returned', () => {
    const prepared = renderer.renderAll('SPM_PREPARED', SAMPLES.SPM_PREPARED);
    expect(prepared.id.title).toBe('SPM menunggu otorisasi: Perbaikan drainase RT 03 (Balik Alam)');
    expect(prepared.id.body).toBe(
      'SPM termin 1 dari 2 untuk usulan "Perbaikan drainase RT 03" dari Balik Alam sebesar Rp\u00a0118.750.000 dengan SP2D nomor ' +
        '0012/SP2D/LS/2026 disiapkan pada 12 Maret 2026 pukul 14.30 WIB dan menunggu otorisasi pejabat BPKAD selain penyiapnya.\n' +
        'Periksa, lalu otorisasi atau kembalikan dengan alasan.\n' +
        `Lihat usulan: ${common.link}`,
    );
    expect(prepared.en.title).toBe('SPM awaiting authorisation: Perbaikan drainase RT 03 (Balik Alam)');
    expect(prepared.en.body).toContain(
      'of the proposal "Perbaikan drainase RT 03" from Balik Alam, Rp\u00a0118.750.000 under SP2D number 0012/SP2D/LS/2026, was prepared on ' +
        '12 March 2026 at 14.30 WIB and awaits authorisation by a BPKAD official other than the one who prepared it.',
    );
    expect(prepared.en.body).toMatch(/\nView the proposal: http:\/\/127\.0\.0\.1:3000\/proposals\/\S+$/);
    expect(prepared.id.body).not.toContain('rekening');

    // To another account than the proposal's: the authorisers are warned, the BKM is told before the money goes.
    const elsewhere = renderer.renderAll('SPM_PREPARED', { ...SAMPLES.SPM_PREPARED, accountChanged: true });
    expect(elsewhere.id.body).toContain(
      'menunggu otorisasi pejabat BPKAD selain penyiapnya.\n' +
        'Perhatian: SPM ini membayar ke rekening yang berbeda dari rekening dalam usulan; baca alasannya sebelum mengotorisasi.\n' +
        'Periksa, lalu otorisasi',
    );
    expect(elsewhere.en.body).toContain(
      'Note: this SPM pays into another account than the one in the proposal; read why before authorising it.',
    );
    const told = renderer.renderAll('PAYEE_ACCOUNT_CHANGED', SAMPLES.PAYEE_ACCOUNT_CHANGED);
    expect(told.id.title).toBe('Termin 1 akan dibayar ke rekening lain: Perbaikan drainase RT 03');
    expect(told.id.body).toBe(
      'SPM termin 1 dari 2 untuk usulan "Perbaikan drainase RT 03" sebesar Rp\u00a0118.750.000 disiapkan BPKAD pada 12 Maret 2026 pukul ' +
        '14.30 WIB untuk dibayarkan ke rekening yang berbeda dari rekening dalam usulan BKM.\n' +
        'Alasan yang dicatat BPKAD: Surat BKM No. 12/XI/2026: rekening pindah ke BRI\n' +
        'Bila BKM tidak meminta perubahan rekening ini, segera hubungi BPKAD sebelum dana dicairkan.\n' +
        `Lihat usulan: ${common.link}`,
    );
    expect(told.en.title).toBe('Tranche 1 to be paid into another account: Perbaikan drainase RT 03');
    expect(told.en.body).toContain('If the BKM did not ask for this change, contact BPKAD at once, before the money is released.');

    const returned = renderer.renderAll('SPM_RETURNED', SAMPLES.SPM_RETURNED);
    expect(returned.id.title).toBe('SPM dikembalikan: Perbaikan drainase RT 03 (Balik Alam)');
    expect(returned.id.body).toBe(
      'SPM termin 1 dari 2 untuk usulan "Perbaikan drainase RT 03" dari Balik Alam dengan SP2D nomor 0012/SP2D/LS/2026 dikembalikan ' +
        'pada 12 Maret 2026 pukul 14.30 WIB.\n' +
        'Alasan: Nama pemilik rekening tidak sesuai dengan BKM\n' +
        'Setelah diperbaiki, siapkan SPM baru; nomor SP2D 0012/SP2D/LS/2026 dapat dipakai kembali.\n' +
        `Lihat usulan: ${common.link}`,
    );
    expect(returned.en.title).toBe('SPM returned: Perbaikan drainase RT 03 (Balik Alam)');
    expect(returned.en.body).toContain('under SP2D number 0012/SP2D/LS/2026 was returned on 12 March 2026 at 14.30 WIB.');
    expect(returned.en.body).toContain('Reason: Nama pemilik rekening tidak sesuai dengan BKM\nOnce it is corrected, prepare a new SPM;');
  });

  it('asks the verifier to check a progress report on site, in their queue, and says when it is the final one (LPJ)', () => {
    const reported = renderer.renderAll('PROGRESS_REPORTED', { ...SAMPLES.PROGRESS_REPORTED, link: queueLink });
    expect(reported.id.title).toBe('Laporan kemajuan menunggu verifikasi: Perbaikan drainase RT 03 (Balik Alam)');
    expect(reported.id.body).toBe(
      'BKM Balik Alam melaporkan kemajuan fisik 45% untuk usulan "Perbaikan drainase RT 03" dengan dana terpakai Rp\u00a052.300.000 ' +
        'pada 12 Maret 2026 pukul 14.30 WIB.\n' +
        'Periksa di lokasi, lalu terima laporan atau kembalikan dengan catatan.\n' +
        `Verifikasi di: ${queueLink}`,
    );
    expect(reported.en.title).toBe('Progress report awaiting verification: Perbaikan drainase RT 03 (Balik Alam)');
    expect(reported.en.body).toBe(
      'The BKM of Balik Alam reported 45% physical progress on the proposal "Perbaikan drainase RT 03", Rp\u00a052.300.000 spent, ' +
        'on 12 March 2026 at 14.30 WIB.\n' +
        'Check it on site, then accept the report or send it back with a note.\n' +
        `Verify at: ${queueLink}`,
    );

    const final = renderer.renderAll('PROGRESS_REPORTED', { ...SAMPLES.PROGRESS_REPORTED, physicalProgressPercent: 100, final: true });
    expect(final.id.body).toContain('kemajuan fisik 100% untuk usulan');
    expect(final.id.body).toContain('pukul 14.30 WIB. Ini laporan akhir (LPJ).\nPeriksa di lokasi');
    expect(final.en.body).toContain('at 14.30 WIB. This is the final report (LPJ).\nCheck it on site');
  });

  it('tells the BKM its report was accepted, the final one as its LPJ, with the verifier’s note when there is one', () => {
    const accepted = renderer.renderAll('PROGRESS_ACCEPTED', SAMPLES.PROGRESS_ACCEPTED);
    expect(accepted.id.title).toBe('Laporan kemajuan 45% diterima: Perbaikan drainase RT 03');
    expect(accepted.id.body).toBe(
      'Laporan kemajuan fisik 45% untuk usulan "Perbaikan drainase RT 03" dengan dana terpakai Rp\u00a052.300.000 diterima verifikator ' +
        'pada 12 Maret 2026 pukul 14.30 WIB.\n' +
        `Lihat usulan: ${common.link}`,
    );
    expect(accepted.en.title).toBe('Progress report 45% accepted: Perbaikan drainase RT 03');
    expect(accepted.en.body).toBe(
      'The report of 45% physical progress on the proposal "Perbaikan drainase RT 03", Rp\u00a052.300.000 spent, was accepted by the ' +
        'verifier on 12 March 2026 at 14.30 WIB.\n' +
        `View the proposal: ${common.link}`,
    );

    const lpj = renderer.renderAll('PROGRESS_ACCEPTED', {
      ...SAMPLES.PROGRESS_ACCEPTED,
      physicalProgressPercent: 100,
      final: true,
      note: 'Sesuai RAB',
    });
    expect(lpj.id.title).toBe('Laporan kemajuan 100% diterima: Perbaikan drainase RT 03');
    expect(lpj.id.body).toContain('pukul 14.30 WIB.\nLaporan akhir (LPJ) telah diterima.\nCatatan verifikator: Sesuai RAB\nLihat usulan: ');
    expect(lpj.en.body).toContain(
      "at 14.30 WIB.\nThe final report (LPJ) has been accepted.\nVerifier's note: Sesuai RAB\nView the proposal: ",
    );
  });

  it('tells the BKM its report was sent back, quoting the verifier’s note, and to report again as the site stands', () => {
    const sentBack = renderer.renderAll('PROGRESS_SENT_BACK', SAMPLES.PROGRESS_SENT_BACK);
    expect(sentBack.id.title).toBe('Laporan kemajuan 45% dikembalikan: Perbaikan drainase RT 03');
    expect(sentBack.id.body).toBe(
      'Laporan kemajuan fisik 45% untuk usulan "Perbaikan drainase RT 03" dengan dana terpakai Rp\u00a052.300.000 dikembalikan ' +
        'verifikator pada 12 Maret 2026 pukul 14.30 WIB.\n' +
        'Catatan verifikator: Foto saluran RT 03 belum ada\n' +
        'Laporkan kembali kemajuan sesuai kondisi di lokasi.\n' +
        `Lihat usulan: ${common.link}`,
    );
    expect(sentBack.en.title).toBe('Progress report 45% sent back: Perbaikan drainase RT 03');
    expect(sentBack.en.body).toBe(
      'The report of 45% physical progress on the proposal "Perbaikan drainase RT 03", Rp\u00a052.300.000 spent, was sent back by the ' +
        'verifier on 12 March 2026 at 14.30 WIB.\n' +
        "Verifier's note: Foto saluran RT 03 belum ada\n" +
        'Report the progress again as it stands on site.\n' +
        `View the proposal: ${common.link}`,
    );

    const lpj = renderer.renderAll('PROGRESS_SENT_BACK', { ...SAMPLES.PROGRESS_SENT_BACK, physicalProgressPercent: 100, final: true });
    expect(lpj.id.body).toContain('Laporan kemajuan fisik 100% (laporan akhir/LPJ) untuk usulan');
    expect(lpj.en.body).toContain('The report of 100% physical progress (the final report, LPJ) on the proposal');
  });

  it('names the pagu a commitment was made against, as the proposal’s timeline does', () => {
    const { id, en } = renderer.renderAll('BUDGET_COMMITTED', SAMPLES.BUDGET_COMMITTED);
    expect(id.body).toContain('telah dialokasikan dari pagu Kec. Mandau tahun anggaran 2026 pada 12 Maret 2026');
    expect(en.body).toContain('was committed against the 2026 budget ceiling (pagu) of Kec. Mandau on 12 March 2026');
    expect(en.body).toContain('It is paid in 2 tranches (termin)');
    const single = renderer.renderAll('BUDGET_COMMITTED', { ...SAMPLES.BUDGET_COMMITTED, trancheCount: 1 });
    expect(single.en.body).toContain('It is paid in 1 tranche (termin)');
    expect(single.id.body).toContain('Dana dicairkan dalam 1 termin');
  });

  it('names the programme by its name, and the pagu a proposal waits under by its region', () => {
    const submitted = renderer.renderAll('PROPOSAL_SUBMITTED', SAMPLES.PROPOSAL_SUBMITTED);
    expect(submitted.id.body).toContain('untuk program Bantuan Keuangan Satu Miliar Satu Desa/Kelurahan 2026.');
    expect(submitted.en.body).toContain('under the programme Bantuan Keuangan Satu Miliar Satu Desa/Kelurahan 2026.');
    const approved = renderer.renderAll('PROPOSAL_APPROVED', SAMPLES.PROPOSAL_APPROVED);
    expect(approved.id.body).toContain('Dana akan dialokasikan terhadap pagu program KOTAKU (Kota Tanpa Kumuh) 2026.');
    expect(approved.en.body).toContain('budget ceiling (pagu) of the programme KOTAKU (Kota Tanpa Kumuh) 2026.');
    const waiting = renderer.renderAll('AWAITING_BUDGET', SAMPLES.AWAITING_BUDGET);
    expect(waiting.id.body).toContain(
      'tetapi sisa pagu Kec. Mandau tahun anggaran 2026 untuk program KOTAKU (Kota Tanpa Kumuh) 2026 hanya Rp\u00a0100.000.000.',
    );
    expect(waiting.en.body).toContain(
      'only Rp\u00a0100.000.000 is left under the 2026 budget ceiling (pagu) of Kec. Mandau for the programme KOTAKU (Kota Tanpa Kumuh) 2026.',
    );
  });

  it('tells an acting official whose place they take, by role and region name', () => {
    const { id, en } = renderer.renderAll('STAGE_OPENED', SAMPLES.STAGE_OPENED);
    expect(id.body).toContain('sebagai pelaksana tugas Lurah/Kepala Desa Balik Alam');
    expect(id.body).toContain('Batas waktu keputusan: 17 Maret 2026 pukul 14.30 WIB.');
    expect(en.body).toContain('as acting official for Lurah/Village Head Balik Alam');
  });

  it('writes a deadline at midnight as the end of the day before, in every message that names one', () => {
    // A stage opened on Saturday 14 March 2026 with three working days is due when Wednesday the 18th ends.
    const dueAt = '2026-03-18T17:00:00.000Z';
    const opened = renderer.renderAll('STAGE_OPENED', { ...SAMPLES.STAGE_OPENED, dueAt });
    expect(opened.id.body).toContain('Batas waktu keputusan: 18 Maret 2026 pukul 24.00 WIB.');
    expect(opened.en.body).toContain('Decide by 18 March 2026 at 24.00 WIB.');
    for (const kind of ['APPROVAL_REMINDER', 'STAGE_ESCALATED', 'PROPOSAL_DELAYED'] as NotificationKind[]) {
      const { id, en } = renderer.renderAll(kind, { ...SAMPLES[kind], dueAt });
      expect(id.body).toContain('18 Maret 2026 pukul 24.00 WIB');
      expect(en.body).toContain('18 March 2026 at 24.00 WIB');
    }
  });

  it('leaves out what is not there, such as a missing withdrawal reason', () => {
    const { id } = renderer.renderAll('PROPOSAL_WITHDRAWN', { ...SAMPLES.PROPOSAL_WITHDRAWN, reason: null });
    expect(id.body).toContain('telah ditarik oleh BKM.\nTidak ada keputusan');
    expect(id.body).not.toContain('Alasan');
  });

  it('gives a withdrawal’s reason a line of its own, as the BKM wrote it: its own full stop is not doubled', () => {
    const { id, en } = renderer.renderAll('PROPOSAL_WITHDRAWN', {
      ...SAMPLES.PROPOSAL_WITHDRAWN,
      reason: 'Lokasi sudah dibiayai dana desa.',
    });
    expect(id.body).toContain('telah ditarik oleh BKM.\nAlasan: Lokasi sudah dibiayai dana desa.\nTidak ada keputusan');
    expect(en.body).toContain('was withdrawn by its BKM.\nReason: Lokasi sudah dibiayai dana desa.\nNo decision');
  });

  it('lists every reminder of the day in a digest', () => {
    const { id, en } = renderer.renderAll('REMINDER_DIGEST', SAMPLES.REMINDER_DIGEST);
    expect(id.title).toBe('Ringkasan harian: 2 usulan menunggu keputusan Anda');
    expect(id.body).toContain('- Drainase RT 03 (Balik Alam), batas waktu 12 Maret 2026 pukul 14.30 WIB: http://x/proposals/1');
    expect(id.body).toContain('- Sumur bor (Balik Alam), terlambat sejak 10 Maret 2026 pukul 09.00 WIB: http://x/proposals/2');
    expect(en.body).toContain('- Sumur bor (Balik Alam), overdue since 10 March 2026 at 09.00 WIB');
    expect(en.title).toBe('Daily digest: 2 proposals await your decision');
    const one = renderer.renderAll('REMINDER_DIGEST', { ...SAMPLES.REMINDER_DIGEST, count: 1 });
    expect(one.en.title).toBe('Daily digest: 1 proposal awaits your decision');
    expect(one.id.title).toBe('Ringkasan harian: 1 usulan menunggu keputusan Anda');
  });

  it('names the proposals already waiting for the post when a Plt is appointed, and says how many more the inbox holds', () => {
    const waiting = {
      ...SAMPLES.ACTING_APPOINTMENT,
      awaitingCount: 12,
      awaitingList: '- Drainase RT 03 (Balik Alam)\n- Sumur bor (Balik Alam)',
      awaitingMore: 10,
    };
    const { id, en } = renderer.renderAll('ACTING_APPOINTMENT', waiting);
    expect(id.body).toContain(
      'Usulan yang kini menunggu keputusan Camat (12):\n- Drainase RT 03 (Balik Alam)\n- Sumur bor (Balik Alam)\ndan 10 usulan lainnya.\nLihat usulan yang menunggu: ',
    );
    expect(en.body).toContain(
      'Waiting for the Camat (district head) now (12):\n- Drainase RT 03 (Balik Alam)\n- Sumur bor (Balik Alam)\nand 10 more.\nSee the proposals awaiting you: ',
    );

    const all = renderer.renderAll('ACTING_APPOINTMENT', { ...waiting, awaitingCount: 2, awaitingMore: 0 });
    expect(all.en.body).toContain('now (2):\n- Drainase RT 03 (Balik Alam)\n- Sumur bor (Balik Alam)\nSee the proposals awaiting you: ');

    // Nothing waits (or the appointment starts later): no list, no empty heading.
    const none = renderer.renderAll('ACTING_APPOINTMENT', SAMPLES.ACTING_APPOINTMENT);
    expect(none.id.body).not.toContain('kini menunggu');
    expect(none.en.body).not.toContain('Waiting for');
    expect(none.en.body).toContain('receive their reminders.\nSee the proposals awaiting you: ');
  });

  it('fails loudly when a value a template needs is missing', () => {
    expect(() => renderer.render('TRANCHE_RELEASED', 'id', { ...common })).toThrow();
  });
});
