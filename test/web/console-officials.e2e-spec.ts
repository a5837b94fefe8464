/// <reference lib="dom" />
// The functions handed to page.evaluate run in the browser, with its DOM.
import { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { readPhotoCapture } from '../../apps/gateway/src/uploads/photo-capture';
import { jpegWithExif } from '../disbursements/jpeg-with-exif';
import { BALIK_ALAM, kotakuDraft, MANDAU } from '../proposals/proposal-fixtures';
import {
  answerAsServiceDown,
  ApiCall,
  APPROVAL_STAGES,
  Browser,
  callApiAs,
  checkPage,
  closeConsole,
  DESKTOP,
  logIn,
  openConsole,
  PHONE,
  reloadUntilVisible,
  RunningSystem,
  screenshot,
} from './console-harness';

const BKM = `bkm.${BALIK_ALAM}`;
const LURAH = `lurah.${BALIK_ALAM}`;
const CAMAT = `camat.${MANDAU}`;
const DED_PDF = Buffer.from('%PDF-1.7\n% gambar rencana\n%%EOF\n');
const SITE_PDF = Buffer.from('%PDF-1.7\n% foto lokasi dan denah\n%%EOF\n');
/** The account the BKM named in its first submission, and the one its revision names instead. */
const FIRST_ACCOUNT = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };
const REVISED_ACCOUNT = { bankName: 'Bank Rakyat Indonesia', accountNumber: '002101987654', accountHolder: 'Amri Yusuf' };

interface StageAnswer {
  stageId: string;
  submissionNumber: number;
  stageOrder: number;
  status: string;
  decidedBy: { username: string; actingFor?: { username: string } | null } | null;
}

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(120_000);

describe('the officials’ console: changes since the last submission, the acting official’s panel, a warned reject and withdrawal, uploads with progress, the phone menu', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  let proposalId: string;
  let bkm: ApiCall;

  const as = (username: string) => callApiAs(system.url, username);

  async function uploadPdf(name: string, data: Buffer): Promise<{ url: string; name: string }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(data)], { type: 'application/pdf' }), name);
    return bkm('POST', '/uploads/documents', form);
  }

  /** The open stage of a proposal, once it waits in the inbox of the official `call` acts as. */
  const waitingIn = (call: ApiCall, id: string) =>
    expectEventually(async () => {
      const inbox = await call<{ items: Array<{ stageId: string; proposal: { proposalId: string } }> }>('GET', '/approvals/inbox');
      const waiting = inbox.items.find((item) => item.proposal.proposalId === id);
      expect(waiting).toBeDefined();
      return waiting!;
    });
  const stagesOf = (call: ApiCall) => call<StageAnswer[]>('GET', `/approvals/proposals/${proposalId}/stages`);
  const stored = async (url: string) =>
    (
      (await system.gateway
        .get(DataSource)
        .query('SELECT content_type, size_bytes, data FROM uploaded_file WHERE id = $1', [url.split('/').pop()])) as Array<{
        content_type: string;
        size_bytes: number;
        data: Buffer;
      }>
    )[0];

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    bkm = await as(BKM);
    const ded = await uploadPdf('DED Gang Damai.pdf', DED_PDF);
    ({ id: proposalId } = await bkm<{ id: string }>('POST', '/proposals', {
      ...kotakuDraft(BALIK_ALAM),
      payeeAccount: FIRST_ACCOUNT,
      documents: [{ url: ded.url, name: ded.name, kind: 'DED' }],
    }));
    await bkm('POST', `/proposals/${proposalId}/submit`, {});
    // The Camat is appointed Plt of the village's Lurah (who is away) for a day, by the regency's administrator.
    const admin = await as('admin');
    await admin('POST', '/approvals/acting-appointments', {
      actingUsername: CAMAT,
      forUsername: LURAH,
      validFrom: new Date(Date.now() - 3600_000).toISOString(),
      validUntil: new Date(Date.now() + 24 * 3600_000).toISOString(),
    });
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('shows the acting official the decision panel as Plt of the absent Lurah, warns before a reject, and records the return as acting', async () => {
    const camat = await browser.newPage(DESKTOP);
    await logIn(camat, system.url, CAMAT);
    // The inbox names the appointment under the proposals waiting (an official without one sees no such card).
    // Both by name, not by username.
    await camat
      .getByTestId('acting-appointments')
      .getByText('Camat Mandau bertindak untuk Lurah / Kepala Desa (Lurah Balik Alam)')
      .waitFor();
    // The Lurah's stage waits in the Camat's inbox, marked as one to decide for the Lurah, by name.
    await reloadUntilVisible(camat, () => camat.getByText('sebagai Plt/Plh Lurah Balik Alam'));
    // The message of the appointment opens that inbox (its title was no link: it names no proposal).
    await camat.goto(`${system.url}/notifikasi`);
    const appointed = camat.getByTestId('notification').getByRole('link', { name: /^Anda ditunjuk sebagai pelaksana tugas/ });
    await reloadUntilVisible(camat, () => appointed);
    await appointed.click();
    await camat.waitForURL((url) => url.pathname === '/kotak-masuk');
    await camat.goto(`${system.url}/usulan/${proposalId}`);
    // The approvals service opens stage 1 (the Lurah's) once it hears of the submission.
    await reloadUntilVisible(camat, () => camat.getByRole('heading', { name: /Keputusan/ }));
    const panel = camat.locator('section.decision');
    await panel.getByRole('heading', { name: 'Keputusan sebagai Plt Lurah / Kepala Desa Balik Alam' }).waitFor();
    await panel
      .getByTestId('acting-note')
      .getByText(/atas nama/)
      .waitFor();

    // A reject asks first, in warning colours, and names what follows; the safe choice has the focus.
    await panel
      .getByLabel('Catatan (wajib untuk dikembalikan atau ditolak)')
      .fill('Harga semen terlalu tinggi; sesuaikan dengan HSPK dan lengkapi foto lokasi.');
    await panel.getByRole('button', { name: 'Tolak' }).click();
    // Named by its own title, though the page also holds the BKM's withdrawal dialog (closed).
    await camat.getByRole('dialog', { name: 'Tolak usulan ini?' }).waitFor();
    const dialog = camat.getByRole('dialog');
    await dialog.getByText(/tidak bisa diperbaiki atau diajukan kembali/).waitFor();
    expect(await dialog.getAttribute('class')).toContain('dialog-danger');
    expect(await dialog.getByRole('button', { name: 'Tolak' }).getAttribute('class')).toContain('danger-solid');
    expect(await dialog.getByRole('button', { name: 'Batal' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await checkPage(camat, 'officials-01-reject-warning-desktop');
    await dialog.getByRole('button', { name: 'Batal' }).click();

    await panel.getByRole('button', { name: 'Kembalikan untuk revisi' }).click();
    expect(await dialog.getAttribute('class')).not.toContain('dialog-danger');
    // The proposals service hears of the return moments later; here it is slow to (busy, or restarting): the
    // page's first 21 looks after the decision, its first ten seconds of looking, are answered the proposal as it
    // was before it.
    const asBefore = await (await as(CAMAT))('GET', `/proposals/${proposalId}`);
    let looks = 0;
    await camat.route(`**/api/v1/proposals/${proposalId}`, (route) =>
      route.request().method() === 'GET' && ++looks <= 21 ? route.fulfill({ json: asBefore }) : route.fallback(),
    );
    await dialog.getByRole('button', { name: 'Kembalikan untuk revisi' }).click();
    await camat.getByRole('status').getByText('Keputusan tersimpan').waitFor();
    await camat.locator('section.decision').waitFor({ state: 'detached' });
    // The page catches up without a reload all the same, its status and history saying what was decided.
    await camat.locator('.page-title .badge').getByText('Dikembalikan untuk revisi').waitFor();
    expect(looks).toBeGreaterThan(21);
    await camat.locator('.timeline').getByText('Dikembalikan untuk revisi oleh Lurah / Kepala Desa (tahap 1)', { exact: false }).waitFor();
    const [first] = await stagesOf(await as(CAMAT));
    expect(first).toMatchObject({ stageOrder: 1, status: 'RETURNED', decidedBy: { username: CAMAT, actingFor: { username: LURAH } } });
    await camat.close();
  });

  it('shows officials what changed since the returned submission: fields, amounts, RAB lines and documents', async () => {
    // The proposals service hears of the return from the approvals service's event, moments later.
    const before = await expectEventually(async () => {
      const proposal = await bkm<{ version: number; status: string }>('GET', `/proposals/${proposalId}`);
      expect(proposal.status).toBe('RETURNED');
      return proposal;
    });
    // The BKM opening it to revise finds the official's note, and the amounts written as it would type them.
    const form = await browser.newPage(PHONE);
    await logIn(form, system.url, BKM);
    // While the approvals service does not answer, the form says the note cannot be read now.
    await answerAsServiceDown(form, APPROVAL_STAGES, 'approvals');
    await form.goto(`${system.url}/usulan/${proposalId}/ubah`);
    const unavailable = form.getByTestId('return-note-unavailable');
    await unavailable.getByText('Catatan pengembalian dari pejabat tidak dapat dimuat saat ini').waitFor();
    await form.unroute(APPROVAL_STAGES);
    await unavailable.getByRole('button', { name: 'Muat ulang' }).click();
    await form
      .getByTestId('return-note')
      .getByText('Harga semen terlalu tinggi; sesuaikan dengan HSPK dan lengkapi foto lokasi.')
      .waitFor();
    expect(await unavailable.count()).toBe(0);
    await expectEventually(async () => expect(await form.getByLabel('Harga satuan (Rp) 1', { exact: true }).inputValue()).toBe('80.000'));
    expect(await form.getByLabel('Volume 2', { exact: true }).inputValue()).toBe('120,5');
    expect(await form.getByLabel('Harga satuan (Rp) 2', { exact: true }).inputValue()).toBe('400.000');
    expect(await form.getByLabel('Swadaya masyarakat').inputValue()).toBe('5.000.000');
    expect(await form.getByTestId('budget-total').textContent()).toBe('Rp 100.000.000');
    // The proposal's history says which stage opened and what its official decided, and the note once.
    await form.goto(`${system.url}/usulan/${proposalId}`);
    const history = form.locator('.timeline');
    // The chain opened the stage: nobody is named beside it (the BKM whose submission it followed did not open it).
    const opened = history.locator('li').filter({ hasText: 'Tahap 1 dari 5 dibuka: Lurah / Kepala Desa' });
    await opened.first().waitFor();
    expect(await opened.first().locator('.muted').count()).toBe(0);
    await history.getByText('Dikembalikan untuk revisi oleh Lurah / Kepala Desa (tahap 1)', { exact: false }).waitFor();
    expect(await history.getByText('Harga semen terlalu tinggi', { exact: false }).count()).toBe(1);
    await form.close();

    const site = await uploadPdf('Denah lokasi.pdf', SITE_PDF);
    const ded = (await bkm<{ documents: Array<{ url: string; name: string; kind: string }> }>('GET', `/proposals/${proposalId}`)).documents;
    await bkm('PATCH', `/proposals/${proposalId}`, {
      version: before.version,
      title: 'Semenisasi Jalan Gang Damai RT 03',
      budgetItems: [
        { description: 'Semen 50 kg', quantity: 500, unit: 'sak', unitPrice: 72_000 },
        { description: 'Upah tukang', quantity: 1, unit: 'ls', unitPrice: 11_800_000 },
        { description: 'Besi beton 10 mm', quantity: 40, unit: 'batang', unitPrice: 95_000 },
      ],
      selfHelpAmount: 3_000_000,
      payeeAccount: REVISED_ACCOUNT,
      documents: [...ded.map(({ url, name, kind }) => ({ url, name, kind })), { url: site.url, name: site.name, kind: 'OTHER' }],
    });
    await bkm('POST', `/proposals/${proposalId}/submit`, {});
    // The BKM's own proposal view carries no copy of the previous submission.
    expect(await bkm<Record<string, unknown>>('GET', `/proposals/${proposalId}`)).not.toHaveProperty('previousSubmission');

    const lurah = await browser.newPage(DESKTOP);
    await logIn(lurah, system.url, LURAH);
    await lurah.goto(`${system.url}/usulan/${proposalId}`);
    await reloadUntilVisible(lurah, () => lurah.getByRole('heading', { name: 'Keputusan', exact: true }));
    const changes = lurah.getByTestId('submission-changes');
    await changes.getByRole('heading', { name: 'Perubahan sejak pengajuan ke-1' }).waitFor();
    expect(await changes.getByTestId('changed-title').innerText()).toMatch(
      /Judul\s+Semenisasi Jalan Gang Damai\s+Semenisasi Jalan Gang Damai RT 03/,
    );
    // 500 × 80.000 + 120,5 × 400.000 + 11.800.000 = 100.000.000 before; 500 × 72.000 + 11.800.000 + 40 × 95.000 = 51.600.000 now.
    expect(await changes.getByTestId('changed-budgetTotal').innerText()).toMatch(/Rp 100\.000\.000\s+Rp 51\.600\.000/);
    expect(await changes.getByTestId('changed-selfHelpAmount').innerText()).toMatch(/Rp 5\.000\.000\s+Rp 3\.000\.000/);
    expect(await changes.getByTestId('changed-requestedAmount').innerText()).toMatch(/Rp 95\.000\.000\s+Rp 48\.600\.000/);
    const rab = changes.getByTestId('rab-changes');
    await rab.getByText('Besi beton 10 mm: 40 batang × Rp 95.000 = Rp 3.800.000').waitFor();
    expect(await rab.locator('.change-added').innerText()).toContain('Besi beton 10 mm');
    expect(await rab.locator('.change-removed').innerText()).toContain('Pasir: 120,5 m3 × Rp 400.000 = Rp 48.200.000');
    expect(await rab.locator('.change-changed').innerText()).toMatch(
      /Semen 50 kg: 500 sak × Rp 80\.000 = Rp 40\.000\.000\s*→\s*Semen 50 kg: 500 sak × Rp 72\.000 = Rp 36\.000\.000/,
    );
    expect(await changes.getByTestId('document-changes').innerText()).toBe('Dokumen ditambahkan: Lainnya Denah lokasi.pdf');
    // The grant would go to another account, a person's: the Lurah is told first, in red, with both accounts.
    expect(await changes.getByTestId('changed-payeeAccount').innerText()).toMatch(
      new RegExp(
        [
          'Rekening penerima hibah berubah: pastikan rekening yang baru atas nama BKM sendiri\\.',
          'Sebelumnya: Bank Riau Kepri Syariah 1230045678 a\\.n\\. BKM Balik Alam',
          'Sekarang: Bank Rakyat Indonesia 002101987654 a\\.n\\. Amri Yusuf',
        ].join('\\s+'),
      ),
    );
    // And the proposal's page names the account it now asks to be paid into.
    expect(await lurah.getByTestId('payee-account').textContent()).toBe('Bank Rakyat Indonesia 002101987654 a.n. Amri Yusuf');
    await checkPage(lurah, 'officials-02-changes-since-last-submission-desktop');
    await lurah.close();
  });

  it('shrinks a large photo on the phone, keeps a JPEG’s EXIF capture time and position, and shows the upload’s progress', async () => {
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, BKM);
    await phone.goto(`${system.url}/usulan/baru`);
    await phone.getByRole('heading', { name: 'Usulan baru' }).waitFor();
    // Two camera-sized pictures drawn in the browser: a 2400×1800 PNG and a JPEG at full quality (about 6 and
    // 2.5 MB: a little noise keeps them from compressing away; more only made them slower to make and to shrink).
    const [png, jpeg] = await phone.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 2400;
      canvas.height = 1800;
      const ctx = canvas.getContext('2d')!;
      const image = ctx.createImageData(canvas.width, canvas.height);
      for (let i = 0; i < image.data.length; i += 4) {
        const x = (i / 4) % canvas.width;
        image.data[i] = (x / 10 + Math.random() * 2) & 255;
        image.data[i + 1] = (120 + Math.random() * 2) & 255;
        image.data[i + 2] = (i / 40_000 + Math.random() * 2) & 255;
        image.data[i + 3] = 255;
      }
      ctx.putImageData(image, 0, 0);
      const encode = async (type: string) => {
        const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), type, 1));
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      };
      return [await encode('image/png'), await encode('image/jpeg')];
    });
    const bigPng = Buffer.from(png, 'base64');
    // The JPEG as a phone writes it: capture time and GPS (on the Balik Alam road) in its EXIF.
    const bigJpeg = jpegWithExif(
      { dateTimeOriginal: '2026:03:02 09:15:00', latitude: 1.2851, longitude: 101.1562 },
      Buffer.from(jpeg, 'base64'),
    );
    expect(bigPng.length).toBeGreaterThan(1024 * 1024);
    expect(bigJpeg.length).toBeGreaterThan(1024 * 1024);

    // A weak phone connection (16 KB/s up, a poor 2G signal), so that the shrunk photo's upload takes long enough
    // to be watched.
    const cdp = await phone.context().newCDPSession(phone);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 100,
      downloadThroughput: -1,
      uploadThroughput: 16 * 1024,
    });
    await phone.evaluate(() => {
      const seen: number[] = [];
      (window as unknown as { progressSeen: number[] }).progressSeen = seen;
      new MutationObserver(() => {
        const bar = document.querySelector('[role="progressbar"]');
        if (bar) seen.push(Number(bar.getAttribute('aria-valuenow')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
    });

    await phone.getByLabel('Jenis dokumen').selectOption('SITE_PHOTO');
    const input = phone.getByLabel(/Lampirkan dokumen/);
    await input.setInputFiles({ name: 'lokasi.png', mimeType: 'image/png', buffer: bigPng });
    await phone.getByRole('progressbar', { name: /Mengunggah lokasi\.jpg/ }).waitFor();
    await screenshot(phone, 'officials-03-upload-progress-phone');
    const list = phone.locator('.documents-editor .documents');
    await list.getByText('lokasi.jpg').waitFor();
    const seen = await phone.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.some((value) => value > 0 && value < 100)).toBe(true);
    // One upload watched is enough: the second goes at full speed.
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await input.setInputFiles({ name: 'jalan.jpg', mimeType: 'image/jpeg', buffer: bigJpeg });
    await list.getByText('jalan.jpg').waitFor();
    await checkPage(phone, 'officials-04-photos-uploaded-phone');

    // What the gateway keeps: smaller JPEGs, and the JPEG's capture time and position still readable from its EXIF.
    const uploads = (await system.gateway
      .get(DataSource)
      .query(`SELECT id, file_name FROM uploaded_file WHERE file_name IN ('lokasi.jpg', 'jalan.jpg')`)) as Array<{
      id: string;
      file_name: string;
    }>;
    const byName = Object.fromEntries(uploads.map((u) => [u.file_name, u.id]));
    const fromPng = await stored(byName['lokasi.jpg']);
    const fromJpeg = await stored(byName['jalan.jpg']);
    expect(fromPng.content_type).toBe('image/jpeg');
    expect(fromPng.size_bytes).toBeLessThan(Math.min(bigPng.length, 1024 * 1024));
    expect(fromJpeg.content_type).toBe('image/jpeg');
    expect(fromJpeg.size_bytes).toBeLessThan(Math.min(bigJpeg.length, 1024 * 1024));
    // Read as the gateway reads a progress photo's EXIF for the verifier.
    const capture = await readPhotoCapture(fromJpeg.data, 'Asia/Jakarta');
    expect(capture.capturedAt?.toISOString()).toBe('2026-03-02T02:15:00.000Z');
    expect(capture.latitude).toBeCloseTo(1.2851, 3);
    expect(capture.longitude).toBeCloseTo(101.1562, 3);
    await phone.close();
  });

  it('shows every entry of each role’s menu on a 390 px phone, each within the screen and leading to its page', async () => {
    for (const username of [BKM, LURAH, 'bpkad', 'admin', 'bupati', `verifikator.${MANDAU}`]) {
      const phone = await browser.newPage(PHONE);
      await logIn(phone, system.url, username);
      const links = phone.getByRole('navigation', { name: 'Menu' }).getByRole('link');
      const count = await links.count();
      expect(count).toBeGreaterThan(2);
      for (let i = 0; i < count; i++) {
        const link = links.nth(i);
        const box = await link.boundingBox();
        // Not cut off or scrolled out of sight: every entry lies inside the phone's width.
        expect(box).not.toBeNull();
        expect([username, box!.x >= 0 && box!.x + box!.width <= PHONE.width]).toEqual([username, true]);
        await expectEventually(async () => expect(await link.isVisible()).toBe(true));
      }
      // The last entry (the one most likely to be pushed off a narrow screen) opens its page.
      const last = links.nth(count - 1);
      const href = await last.getAttribute('href');
      await last.click();
      await phone.waitForURL((url) => url.pathname === href);
      if (username === 'admin') await screenshot(phone, 'officials-05-admin-menu-phone');
      await phone.close();
    }
  });

  it('warns the BKM before it withdraws a proposal under review, naming what follows, and shows it withdrawn with its reason', async () => {
    const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Pos ronda RT 07' }));
    await bkm('POST', `/proposals/${id}/submit`, {});
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, BKM);
    await phone.goto(`${system.url}/usulan/${id}`);
    await phone.getByRole('button', { name: 'Tarik usulan' }).click();

    // Withdrawing cannot be undone: it asks in warning colours, names what follows, and the safe choice has the focus.
    const dialog = phone.getByRole('dialog', { name: 'Tarik usulan ini?' });
    await dialog.getByText('tidak bisa diperbaiki atau diajukan kembali; untuk mengusulkannya lagi, buat usulan baru').waitFor();
    expect(await dialog.getAttribute('class')).toContain('dialog-danger');
    expect(await dialog.getByRole('button', { name: 'Batal' }).evaluate((button) => button === document.activeElement)).toBe(true);
    await dialog.getByLabel('Alasan penarikan (boleh dikosongkan)').fill('Lokasi sudah dibiayai dana desa tahun ini.');
    await checkPage(phone, 'officials-06-withdraw-warning-phone');
    await dialog.getByRole('button', { name: 'Tarik usulan' }).click();

    await phone.locator('.page-title .badge').getByText('Ditarik').waitFor();
    // The history says, in words, that the proposal was withdrawn and (once the approvals service's word arrives)
    // its waiting stage cancelled, the reason once.
    const history = phone.locator('.timeline');
    await reloadUntilVisible(phone, () => history.getByText('Penilaian dihentikan, tahap yang menunggu dibatalkan', { exact: false }));
    await history.locator('li').filter({ hasText: 'Ditarik' }).getByText('Lokasi sudah dibiayai dana desa tahun ini.').waitFor();
    expect(await history.getByText('Lokasi sudah dibiayai dana desa tahun ini.').count()).toBe(1);
    expect(await history.innerText()).not.toContain('approval.');
    expect(await phone.getByRole('button', { name: 'Tarik usulan' }).count()).toBe(0);
    expect(await bkm<{ status: string }>('GET', `/proposals/${id}`)).toMatchObject({ status: 'WITHDRAWN' });
    await phone.close();
  });

  it('tells an official whose decision came after another one on the same stage that theirs was not saved, and shows the stage as it stands', async () => {
    const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Drainase RW 02' }));
    await bkm('POST', `/proposals/${id}/submit`, {});
    const camat = await as(CAMAT);
    const stage = await waitingIn(camat, id);
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, CAMAT);
    await phone.goto(`${system.url}/usulan/${id}`);
    const panel = phone.locator('section.decision');
    await panel.getByRole('heading', { name: 'Keputusan sebagai Plt Lurah / Kepala Desa Balik Alam' }).waitFor();
    // Meanwhile the stage is approved from another device, while the phone's page still offers the decision.
    await camat('POST', `/approvals/${stage.stageId}/decision`, { decision: 'APPROVE' });
    await panel.getByLabel('Catatan (wajib untuk dikembalikan atau ditolak)').fill('Lengkapi foto lokasi.');
    await panel.getByRole('button', { name: 'Kembalikan untuk revisi' }).click();
    await phone.getByRole('dialog').getByRole('button', { name: 'Kembalikan untuk revisi' }).click();
    await phone
      .getByRole('alert')
      .getByText('Tahap ini berubah sebelum keputusan Anda tersimpan: sudah diputuskan di perangkat lain atau oleh pejabat lain', {
        exact: false,
      })
      .waitFor();
    // The page shows the stage as decided, without the person reloading it, and offers no decision on it any more.
    await phone.locator('.stages').getByText('Disetujui', { exact: false }).first().waitFor();
    await panel.waitFor({ state: 'detached' });
    await checkPage(phone, 'officials-07-decision-outdated-phone');
    const [first] = await camat<StageAnswer[]>('GET', `/approvals/proposals/${id}/stages`);
    expect(first).toMatchObject({ stageOrder: 1, status: 'APPROVED' });
    await phone.close();
  });

  it('shows the BKM at the top of a rejected proposal who rejected it and why, and that a new proposal is the way on', async () => {
    const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Gapura RW 01' }));
    await bkm('POST', `/proposals/${id}/submit`, {});
    // The Camat, acting for the Lurah, rejects it once its stage has opened.
    const camat = await as(CAMAT);
    const stage = await waitingIn(camat, id);
    const reason = 'Gapura bukan kegiatan yang dibiayai program KOTAKU.';
    await camat('POST', `/approvals/${stage.stageId}/decision`, { decision: 'REJECT', note: reason });

    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, BKM);
    await phone.goto(`${system.url}/usulan/${id}`);
    const rejection = phone.getByTestId('rejection');
    await reloadUntilVisible(phone, () => rejection);
    await rejection.getByText(`Ditolak oleh Lurah / Kepala Desa: ${reason}`).waitFor();
    await rejection.getByText('Usulan yang ditolak tidak bisa diperbaiki atau diajukan kembali', { exact: false }).waitFor();
    // It sits above the proposal's facts, where a phone shows it first.
    expect(await rejection.evaluate((notice) => notice.nextElementSibling?.classList.contains('facts'))).toBe(true);
    await rejection.getByRole('link', { name: 'Usulan baru' }).click();
    await phone.waitForURL((url) => url.pathname === '/usulan/baru');
    await phone.close();
  });
});
