import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { createTestIsolation, expectEventually, spreadsheetSheets } from '@alur/testing';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { jpegWithExif, wibExifTime } from '../disbursements/jpeg-with-exif';
import { RegionDirectory } from '@alur/regions';
import { BALIK_ALAM, kotakuDraft, MANDAU, PINGGIR } from '../proposals/proposal-fixtures';
import {
  approveByChain,
  Browser,
  checkPage,
  closeConsole,
  DESKTOP,
  logIn,
  openConsole,
  PHONE,
  reloadUntilVisible,
  releaseTranche,
  RunningSystem,
} from './console-harness';

/**
 * The verifier's work and BPKAD's fiscal year in the console. A KOTAKU proposal of Balik Alam
 * (Rp 100.000.000 RAB, Rp 5.000.000 swadaya: Rp 95.000.000 funded in tranches of 40/30/30%, the
 * second unlocked at 30% verified progress) is approved and its first tranche released through the
 * API; the BKM reports 20% with a photo taken in Pekanbaru, then 35% with one taken on site.
 */
const TITLE = 'Semenisasi Jalan Gang Damai RT 05';
const VERIFIER = `verifikator.${MANDAU}`;
/** A proposal of Pinggir that waits for budget, to lead BPKAD to its pagu. */
const WAITING_TITLE = 'Drainase Lingkungan RT 02';
const PINGGIR_VILLAGE = RegionDirectory.shared().villagesOf(PINGGIR)[0];
const SEND_BACK_NOTE = 'Foto diambil di luar Balik Alam: kirim foto dari lokasi pekerjaan.';
/** Balik Alam is a kelurahan of Duri; Pekanbaru lies about 90 km to the south-east. */
const IN_DURI = { latitude: 1.2702, longitude: 101.2114 };
const IN_PEKANBARU = { latitude: 0.5071, longitude: 101.4478 };

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(240_000);

describe('the console for the verifier and for BPKAD’s fiscal year', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  const tokens: Record<string, string> = {};
  let proposalId: string;

  const call = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${system.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  };
  const logInAs = async (username: string): Promise<string> => {
    const response = await fetch(`${system.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    return ((await response.json()) as { accessToken: string }).accessToken;
  };
  const uploadPhoto = async (jpeg: Buffer, name: string): Promise<string> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), name);
    const response = await fetch(`${system.url}/api/v1/uploads/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.bkm}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { url: string }).url;
  };

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    const users: Record<string, string> = { bkm: `bkm.${BALIK_ALAM}`, bpkad: 'bpkad', verifier: VERIFIER };
    const chain = [`lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'sekda', 'bupati'];
    for (const [name, username] of [...Object.entries(users), ...chain.map((u) => [u, u])]) tokens[name] = await logInAs(username);

    // Approved by the whole chain, then tranche 1 released by two BPKAD officials.
    const proposal = await call('POST', '/api/v1/proposals', tokens.bkm, kotakuDraft(BALIK_ALAM, { title: TITLE }));
    proposalId = proposal.id;
    await call('POST', `/api/v1/proposals/${proposalId}/submit`, tokens.bkm, {});
    await call('PUT', `/api/v1/budgets/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/${MANDAU}`, tokens.bpkad, { amount: 1_000_000_000 });
    await approveByChain(system.url, proposalId, chain);
    const disbursement = await expectEventually(
      async () => {
        const { items } = await call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, tokens.bpkad);
        expect(items).toMatchObject([{ tranches: [{ status: 'READY' }, { status: 'LOCKED' }, { status: 'LOCKED' }] }]);
        return items[0] as { id: string };
      },
      { timeoutMs: 30_000 },
    );
    const bankAccount = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };
    await releaseTranche(system.url, disbursement.id, 1, { sp2dNumber: `0077/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}`, bankAccount });

    // Two claims, both waiting for the verifier: 20% with a photo from elsewhere, 35% with one from the site.
    const yesterday = wibExifTime(new Date(Date.now() - 24 * 3600_000));
    const elsewhere = await uploadPhoto(jpegWithExif({ dateTimeOriginal: yesterday, ...IN_PEKANBARU }), 'jalan.jpg');
    const onSite = await uploadPhoto(jpegWithExif({ dateTimeOriginal: yesterday, ...IN_DURI }), 'cor-rt05.jpg');
    await call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, tokens.bkm, {
      physicalProgressPercent: 20,
      amountSpent: 9_000_000,
      note: 'Galian dan pemadatan selesai.',
      photos: [{ url: elsewhere, caption: 'Pemadatan' }],
    });
    await call('POST', `/api/v1/proposals/${proposalId}/progress-reports`, tokens.bkm, {
      physicalProgressPercent: 35,
      amountSpent: 14_000_000,
      note: 'Pengecoran 140 m selesai.',
      photos: [{ url: onSite, caption: 'Pengecoran RT 05' }],
    });
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  /** Every photo of the page shows a picture: the uploaded file was read with the user's token. */
  const photosShown = (page: Page) =>
    expectEventually(async () => {
      const widths = await page
        .getByTestId('report-photo')
        .evaluateAll((images) => images.map((img) => (img as unknown as { naturalWidth: number }).naturalWidth));
      expect(widths.length).toBeGreaterThan(0);
      expect(widths.every((width) => width > 0)).toBe(true);
    });

  it('takes the verifier of Mandau from / to the queue on a phone, where a claim is sent back with a note and another accepted', async () => {
    const verifier = await browser.newPage(PHONE);
    await verifier.goto(`${system.url}/`);
    await verifier.waitForURL(/\/masuk/);
    await verifier.getByLabel('Nama pengguna').fill(VERIFIER);
    await verifier.getByLabel('Kata sandi').fill(DEMO_PASSWORD);
    await verifier.getByRole('button', { name: 'Masuk', exact: true }).click();
    await verifier.getByRole('heading', { name: 'Verifikasi laporan kemajuan' }).waitFor();
    expect(new URL(verifier.url()).pathname).toBe('/verifikasi');
    expect(await verifier.getByRole('navigation').getByRole('link', { name: 'Verifikasi laporan' }).count()).toBe(1);

    const items = verifier.getByTestId('verification-item');
    await expectEventually(async () => expect(await items.count()).toBe(2));
    // The claim waiting longest comes first: 20% was reported before 35%.
    expect(await items.getByTestId('report-percent').allTextContents()).toEqual(['20%', '35%']);
    expect(await verifier.getByTestId('queue-count').textContent()).toBe('2 laporan menunggu');
    // An old link to a page of the queue that no longer exists shows its last page, not an empty queue.
    await verifier.goto(`${system.url}/verifikasi?halaman=3`);
    await verifier.waitForURL((url) => url.pathname === '/verifikasi' && url.search === '');
    await expectEventually(async () => expect(await items.count()).toBe(2));
    const claim20 = items.filter({ has: verifier.getByTestId('report-percent').getByText('20%', { exact: true }) });
    const claim35 = items.filter({ has: verifier.getByTestId('report-percent').getByText('35%', { exact: true }) });
    // The proposal by its title (a link to it), the village and kecamatan by name, the money against what was released.
    for (const claim of [claim20, claim35]) {
      expect(await claim.getByRole('link', { name: TITLE }).getAttribute('href')).toBe(`/usulan/${proposalId}`);
      expect(await claim.getByTestId('report-village').textContent()).toBe('Balik Alam, Kec. Mandau');
      // Tranche 1 is 40% of Rp 95.000.000; the BKM may have spent that plus its Rp 5.000.000 swadaya.
      await claim.getByText('Rp 38.000.000 / Rp 95.000.000').waitFor();
      await claim.getByText('Rp 38.000.000 + Rp 5.000.000 = Rp 43.000.000').waitFor();
    }
    await claim35.getByText('Rp 14.000.000').waitFor();
    // Who reported it, by the BKM's name.
    await claim35.getByText(/oleh BKM Balik Alam$/).waitFor();
    await claim35.getByText('Pengecoran 140 m selesai.').waitFor();
    await photosShown(verifier);
    // The photo from Pekanbaru is flagged beside it; the one from the site is not.
    expect(await claim20.getByTestId('photo-warning').allTextContents()).toEqual(['⚠ Diambil jauh dari desa/kelurahan']);
    await claim20.getByTestId('report-warnings').waitFor();
    expect(await claim35.getByTestId('photo-warning').count()).toBe(0);
    await claim35.getByText(/km dari Duri/).waitFor();
    await checkPage(verifier, 'verification-01-queue-phone');
    // On the proposal's page the reports are read, and its button leads back to the queue, where they are decided.
    await claim35.getByRole('link', { name: TITLE }).click();
    await verifier.waitForURL((url) => url.pathname === `/usulan/${proposalId}`);
    await verifier.getByRole('link', { name: 'Periksa laporan yang menunggu di halaman Verifikasi' }).click();
    await verifier.waitForURL((url) => url.pathname === '/verifikasi');
    await expectEventually(async () => expect(await items.count()).toBe(2));

    // Sending back without a note: the refusal in Indonesian, from the API's code, by the field's label.
    await claim20.getByRole('button', { name: 'Kembalikan ke BKM' }).click();
    let dialog = verifier.getByRole('dialog');
    await dialog.getByText('Kembalikan laporan ini ke BKM?').waitFor();
    await dialog.getByRole('button', { name: 'Kembalikan ke BKM' }).click();
    const refusal = claim20.getByRole('alert');
    await refusal.getByText('Catatan untuk BKM (wajib bila dikembalikan): Wajib diisi.').waitFor();
    await claim20.locator('textarea[aria-invalid="true"]').waitFor();
    await checkPage(verifier, 'verification-02-note-required-phone');

    await claim20.getByLabel('Catatan untuk BKM (wajib bila dikembalikan)').fill(SEND_BACK_NOTE);
    await claim20.getByRole('button', { name: 'Kembalikan ke BKM' }).click();
    dialog = verifier.getByRole('dialog');
    await dialog.getByText(SEND_BACK_NOTE).waitFor();
    await checkPage(verifier, 'verification-03-send-back-confirm-phone');
    await dialog.getByRole('button', { name: 'Kembalikan ke BKM' }).click();
    await verifier.getByRole('status').getByText(`Laporan 20% dikembalikan ke BKM: ${TITLE}`).waitFor();
    await expectEventually(async () => expect(await items.count()).toBe(1));

    await claim35.getByRole('button', { name: 'Terima laporan' }).click();
    await verifier.getByRole('status').getByText(`Laporan 35% diterima: ${TITLE}`).waitFor();
    await verifier.getByText('Tidak ada laporan yang menunggu verifikasi.').waitFor();
    await checkPage(verifier, 'verification-04-queue-empty-phone');

    // Decided once: both reports left the queue, as the API says too.
    const { items: reports } = await call('GET', `/api/v1/proposals/${proposalId}/progress-reports`, tokens.verifier);
    expect(
      reports.map((r: { physicalProgressPercent: number; verificationStatus: string; verificationNote: string | null }) => [
        r.physicalProgressPercent,
        r.verificationStatus,
        r.verificationNote,
      ]),
    ).toEqual([
      [35, 'ACCEPTED', null],
      [20, 'SENT_BACK', SEND_BACK_NOTE],
    ]);

    // The verifier was told of each report, and a message opens the queue, where reports are decided.
    await verifier.goto(`${system.url}/notifikasi`);
    const toCheck = `Laporan kemajuan menunggu verifikasi: ${TITLE} (Balik Alam)`;
    const told = verifier.getByTestId('notification').filter({ hasText: toCheck });
    await reloadUntilVisible(verifier, () => told.first());
    await expectEventually(async () => expect(await told.count()).toBe(2));
    await told.first().getByRole('link', { name: toCheck }).click();
    await verifier.waitForURL((url) => url.pathname === '/verifikasi');
    await verifier.close();

    // The BKM is told its 20% report was sent back, with the note, and the message opens the proposal.
    const bkm = await browser.newPage(PHONE);
    await logIn(bkm, system.url, `bkm.${BALIK_ALAM}`);
    await bkm.goto(`${system.url}/notifikasi`);
    const sentBackTitle = `Laporan kemajuan 20% dikembalikan: ${TITLE}`;
    const sentBack = bkm.getByTestId('notification').filter({ hasText: sentBackTitle });
    await reloadUntilVisible(bkm, () => sentBack);
    await sentBack.getByText(`Catatan verifikator: ${SEND_BACK_NOTE}`, { exact: false }).waitFor();
    await sentBack.getByRole('link', { name: sentBackTitle }).click();
    await bkm.waitForURL((url) => url.pathname === `/usulan/${proposalId}`);
    await bkm.close();
  });

  it('shows the administrator the verifier’s decisions in the audit trail, a report’s status in words', async () => {
    const admin = await browser.newPage(DESKTOP);
    await logIn(admin, system.url, 'admin');
    await admin.goto(`${system.url}/admin/jejak-audit`);
    await admin.getByLabel('Layanan').selectOption({ label: 'Pagu, pencairan dan laporan kemajuan' });
    await admin.getByLabel('Tindakan').fill('progress.');
    await admin.getByRole('button', { name: 'Tampilkan' }).click();
    const rows = admin.getByTestId('audit-row');
    await rows.filter({ hasText: 'Menunggu verifikasi → Dikembalikan verifikator' }).first().waitFor();
    await rows.filter({ hasText: 'Menunggu verifikasi → Diterima verifikator' }).first().waitFor();
    await rows.filter({ hasText: VERIFIER }).first().waitFor();
    await admin.close();
  });

  it('shows BPKAD tranche 2 ready, its SPM offering the account the BKM named in its proposal, and the reports with their photos on the proposal', async () => {
    const bpkad = await browser.newPage(DESKTOP);
    await logIn(bpkad, system.url, 'bpkad');
    await bpkad.getByRole('heading', { name: 'Termin siap dicairkan' }).waitFor();
    const ready = () => bpkad.getByTestId('ready-tranche').filter({ hasText: TITLE }).filter({ hasText: 'Termin 2' });
    await reloadUntilVisible(bpkad, ready);
    await ready().getByText('Rp 28.500.000').waitFor();

    // Tranche 2's SPM pays into the account the proposal names, as tranche 1's did: the form offers it, and says where it comes from.
    await ready().getByRole('button', { name: 'Siapkan SPM Termin 2' }).click();
    await bpkad.getByText('Rekening diisi dari usulan', { exact: false }).waitFor();
    expect(
      await Promise.all(['Nama bank', 'Nomor rekening', 'Atas nama'].map((label) => bpkad.getByLabel(label, { exact: true }).inputValue())),
    ).toEqual(['Bank Riau Kepri Syariah', '1230045678', 'BKM Balik Alam']);
    expect(await bpkad.getByLabel('Nomor SP2D', { exact: true }).inputValue()).toBe('');
    await bpkad.getByLabel('Nomor SP2D', { exact: true }).fill(`0078/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}`);
    await bpkad.getByRole('button', { name: 'Siapkan SPM', exact: true }).click();
    await ready().getByText('Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam').waitFor();

    await ready().getByRole('link', { name: TITLE }).click();
    await bpkad.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    // The history says the whole chain approved it (not one official), and names the ceiling by its kecamatan.
    const history = bpkad.locator('.timeline');
    await history.getByText('Disetujui di semua tahap', { exact: false }).waitFor();
    await history.getByText(`dialokasikan dari pagu Kec. Mandau tahun ${DEMO_FISCAL_YEAR}`, { exact: false }).waitFor();
    // Each verification in words (they read as their codes, "disbursement.progress-accepted").
    await history.getByText('Laporan kemajuan diterima verifikator', { exact: false }).waitFor();
    await history.getByText('Laporan kemajuan dikembalikan verifikator', { exact: false }).waitFor();
    expect(await history.innerText()).not.toContain('disbursement.');
    const reports = bpkad.getByTestId('progress-report');
    await expectEventually(async () => expect(await reports.count()).toBe(2));
    expect(await reports.getByTestId('verification-status').allTextContents()).toEqual([
      'Diterima verifikator',
      'Dikembalikan verifikator',
    ]);
    await reports.nth(1).getByText(SEND_BACK_NOTE).waitFor();
    // Who reported and who verified, by name.
    await reports
      .nth(0)
      .getByText(/oleh BKM Balik Alam · Diterima verifikator oleh Verifikator Dinas Teknis Kecamatan Mandau, /)
      .waitFor();
    expect(await reports.nth(1).getByTestId('photo-warning').allTextContents()).toEqual(['⚠ Diambil jauh dari desa/kelurahan']);
    await photosShown(bpkad);
    await checkPage(bpkad, 'verification-05-bpkad-proposal-reports-desktop');
    await bpkad.close();
  });

  it('lets the second official return tranche 2’s SPM with a reason, which the first reads beside the tranche and in the form of the next', async () => {
    const reason = 'Nomor rekening belum dicocokkan dengan SK penetapan BKM.';
    const kuasaBud = await browser.newPage(DESKTOP);
    await logIn(kuasaBud, system.url, 'bpkad.kuasa-bud');
    const waiting = kuasaBud.getByTestId('ready-tranche').filter({ hasText: TITLE }).filter({ hasText: 'Termin 2' });
    await reloadUntilVisible(kuasaBud, () => waiting.getByText('Menunggu otorisasi'));
    await waiting.getByRole('button', { name: 'Kembalikan SPM' }).click();
    await kuasaBud.getByLabel('Alasan pengembalian').fill(reason);
    await kuasaBud.locator('form.release-form').getByRole('button', { name: 'Kembalikan SPM' }).click();
    await kuasaBud.getByRole('status').getByText(`SPM dikembalikan: ${TITLE}, Termin 2`).waitFor();
    await kuasaBud.close();

    const bpkad = await browser.newPage(DESKTOP);
    await logIn(bpkad, system.url, 'bpkad');
    const ready = bpkad.getByTestId('ready-tranche').filter({ hasText: TITLE }).filter({ hasText: 'Termin 2' });
    await ready.getByText('Siap dicairkan').waitFor();
    // Who returned it, when, why, and what it said: by name, beside the tranche and again in the form.
    const note = ready.getByTestId('returned-spm');
    await note.getByText(/^SPM sebelumnya dikembalikan oleh Kuasa BUD BPKAD Kabupaten Bengkalis, \d+ \w+ \d{4}, \d\d\.\d\d:/).waitFor();
    await note.getByText(reason, { exact: false }).waitFor();
    await note
      .getByText(`SPM itu: SP2D 0078/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}, rekening Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam.`)
      .waitFor();
    await ready.getByRole('button', { name: 'Siapkan SPM Termin 2' }).click();
    await bpkad.locator('form.release-form').getByTestId('returned-spm').getByText(reason, { exact: false }).waitFor();
    await checkPage(bpkad, 'verification-05b-bpkad-spm-returned-desktop');
    await bpkad.close();
  });

  it('tells a BPKAD official whose SPM came after another one for the same tranche that theirs was not saved, and shows the tranche as it stands', async () => {
    const bpkad = await browser.newPage(DESKTOP);
    await logIn(bpkad, system.url, 'bpkad');
    const ready = bpkad.getByTestId('ready-tranche').filter({ hasText: TITLE }).filter({ hasText: 'Termin 2' });
    await ready.getByText('Siap dicairkan').waitFor();
    await ready.getByRole('button', { name: 'Siapkan SPM Termin 2' }).click();
    await bpkad.getByLabel('Nomor SP2D', { exact: true }).fill(`0079/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}`);
    // Meanwhile the tranche's SPM is prepared from another device, with another SP2D number.
    const { items } = await call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, tokens.bpkad);
    const bankAccount = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };
    await call(
      'POST',
      `/api/v1/disbursements/${items[0].id}/tranches/2/spm`,
      tokens.bpkad,
      { sp2dNumber: `0080/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}`, bankAccount },
      { 'Idempotency-Key': randomUUID() },
    );
    await bpkad.getByRole('button', { name: 'Siapkan SPM', exact: true }).click();
    await bpkad
      .getByRole('alert')
      .getByText('Termin ini berubah sebelum tindakan Anda tersimpan: SPM-nya baru saja disiapkan', { exact: false })
      .waitFor();
    // The form is gone and the tranche shows the SPM that was saved, without the person reloading the page.
    await bpkad.locator('form.release-form').waitFor({ state: 'detached' });
    await ready.getByText('Menunggu otorisasi').waitFor();
    await checkPage(bpkad, 'verification-05c-bpkad-spm-overtaken-desktop');
    const [disbursement] = (await call('GET', `/api/v1/disbursements?proposalId=${proposalId}`, tokens.bpkad)).items;
    expect(disbursement.tranches[1]).toMatchObject({ status: 'PREPARED', spm: { sp2dNumber: `0080/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}` } });
    await bpkad.close();
  });

  it('lets BPKAD set the closing date of the fiscal year in WIB and see the carry-over', async () => {
    const bpkad = await browser.newPage(DESKTOP);
    await logIn(bpkad, system.url, 'bpkad');
    await bpkad.getByRole('navigation').getByRole('link', { name: 'Tahun anggaran' }).click();
    await bpkad.getByRole('heading', { name: `Tahun anggaran ${DEMO_FISCAL_YEAR}` }).waitFor();
    // No date set yet: the year closes at its end, written as the deadline it is (the last day's 24.00, not the next year's 00.00).
    await bpkad.getByTestId('closing-at').getByText('(bawaan: akhir tahun anggaran)').waitFor();
    expect(await bpkad.getByTestId('closing-at').textContent()).toBe(
      `31 Des ${DEMO_FISCAL_YEAR}, 24.00 WIB (bawaan: akhir tahun anggaran)`,
    );
    // Tranches 2 (its SPM prepared) and 3 (locked) are committed and not released: 60% of Rp 95.000.000.
    expect(await bpkad.getByTestId('carry-over-total').textContent()).toBe('Rp 57.000.000');
    const rows = bpkad.getByTestId('carry-over-item');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().getByRole('link', { name: TITLE }).getAttribute('href')).toBe(`/usulan/${proposalId}`);
    await rows.first().getByText('Balik Alam, Kec. Mandau').waitFor();
    expect(await bpkad.getByTestId('carry-over-programmes').locator('tbody tr').count()).toBe(1);
    await checkPage(bpkad, 'verification-06-bpkad-fiscal-year-desktop');

    await bpkad.getByLabel('Tanggal dan jam penutupan (WIB)').fill(`${DEMO_FISCAL_YEAR}-12-20T23:59`);
    await bpkad.getByRole('button', { name: 'Tetapkan penutupan' }).click();
    await bpkad
      .getByRole('status')
      .getByText(/^Penutupan pencairan ditetapkan: 20 Des \d{4}, 23\.59 WIB$/)
      .waitFor();
    await expectEventually(async () =>
      expect(await bpkad.getByTestId('closing-at').textContent()).toBe(`20 Des ${DEMO_FISCAL_YEAR}, 23.59 WIB`),
    );
    expect(await bpkad.getByTestId('carry-over-total').textContent()).toBe('Rp 57.000.000');
    // Kept as the instant it is in WIB (UTC+7).
    const report = await call('GET', `/api/v1/fiscal-years/${DEMO_FISCAL_YEAR}/carry-over`, tokens.bpkad);
    expect([report.releasesCloseAt, report.isDefault]).toEqual([`${DEMO_FISCAL_YEAR}-12-20T16:59:00.000Z`, false]);
    await checkPage(bpkad, 'verification-07-bpkad-closing-set-desktop');
    await bpkad.close();
  });

  it('leads BPKAD from a proposal waiting for budget to the form of the pagu it waits under, where raising it funds the proposal', async () => {
    // Pinggir's KOTAKU pagu is set at Rp 1.000.000: a proposal of Rp 95.000.000 there waits once approved.
    await call('PUT', `/api/v1/budgets/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/${PINGGIR}`, tokens.bpkad, { amount: 1_000_000 });
    const bkm = await logInAs(`bkm.${PINGGIR_VILLAGE.code}`);
    const waiting = await call('POST', '/api/v1/proposals', bkm, kotakuDraft(PINGGIR_VILLAGE.code, { title: WAITING_TITLE }));
    await call('POST', `/api/v1/proposals/${waiting.id}/submit`, bkm, {});
    await approveByChain(system.url, waiting.id, [`lurah.${PINGGIR_VILLAGE.code}`, `camat.${PINGGIR}`, 'dinas', 'sekda', 'bupati']);
    const fundsOf = async () => (await call('GET', `/api/v1/disbursements?proposalId=${waiting.id}`, tokens.bpkad)).items[0]?.status;
    await expectEventually(async () => expect(await fundsOf()).toBe('AWAITING_BUDGET'), { timeoutMs: 30_000 });

    const bpkad = await browser.newPage(PHONE);
    await logIn(bpkad, system.url, 'bpkad');
    await bpkad.goto(`${system.url}/usulan/${waiting.id}`);
    await bpkad.getByText('Sisa pagunya tidak mencukupi', { exact: false }).waitFor();
    await bpkad.getByRole('link', { name: 'Buka pagunya di halaman Pagu anggaran' }).click();
    await bpkad.waitForURL(/\/pagu\?program=/);
    // The form of Pinggir's pagu is open at its amount, the programme's table alone shown.
    const form = bpkad.getByTestId('ceiling-form');
    await form.getByRole('heading', { name: 'Ubah pagu Kec. Pinggir' }).waitFor();
    expect(await form.getByLabel('Pagu baru (Rp)').inputValue()).toBe('1.000.000');
    expect(await bpkad.getByLabel('Program', { exact: true }).inputValue()).toBe(DEMO_KOTAKU);
    await checkPage(bpkad, 'verification-08-bpkad-pagu-from-waiting-proposal-phone');
    // Written as the APBD says it, the amount is not one: the field says how to write it, and nothing is changed.
    await form.getByLabel('Pagu baru (Rp)').fill('2 miliar');
    await form.getByText('Tulis rupiah bulat dengan angka, misalnya 2.500.000.').waitFor();
    await form.getByRole('button', { name: 'Simpan pagu' }).click();
    await expectEventually(async () => expect(await form.getByLabel('Pagu baru (Rp)').getAttribute('aria-invalid')).toBe('true'));
    await form.getByText('Tulis rupiah bulat dengan angka, misalnya 2.500.000.').waitFor();
    await form.getByLabel('Pagu baru (Rp)').fill('2.000.000.000');
    expect(await form.getByText('Tulis rupiah bulat dengan angka').count()).toBe(0);
    await form.getByRole('button', { name: 'Simpan pagu' }).click();
    await bpkad.getByRole('dialog').getByRole('button', { name: 'Simpan pagu' }).click();
    await bpkad
      .getByRole('status')
      .getByText('Pagu Kec. Pinggir kini Rp 2.000.000.000. 1 usulan yang menunggu kini mendapat anggaran.')
      .waitFor();
    await expectEventually(async () => expect(await fundsOf()).toBe('FUNDING'));

    // Every tranche of the regency's disbursements as a spreadsheet, for the reconciliation with the bank: Balik
    // Alam's three, the first paid into the BKM's account (its number text, as the bank prints it), the amounts numbers.
    const [download] = await Promise.all([
      bpkad.waitForEvent('download'),
      bpkad.getByRole('link', { name: 'Unduh rincian pencairan (Excel)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^pencairan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [ledger] = await spreadsheetSheets(readFileSync((await download.path())!));
    const balikAlam = ledger.records.filter((r) => r.Judul === TITLE);
    expect(balikAlam.map((r) => [r.Termin, r['Nilai termin (Rp)']])).toEqual([
      [1, 38_000_000],
      [2, 28_500_000],
      [3, 28_500_000],
    ]);
    expect(balikAlam[0]).toMatchObject({
      'Status termin': 'Sudah dicairkan',
      'Nomor rekening': '1230045678',
      Bank: 'Bank Riau Kepri Syariah',
    });
    await bpkad.close();
  });
});
