import { Page, Request } from 'playwright-core';
import { formatRupiah } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually, TINY_PNG } from '@alur/testing';
import {
  answerAsServiceDown,
  APPROVAL_STAGES,
  Browser,
  callApiAs,
  checkPage,
  closeConsole,
  DESKTOP,
  logIn,
  openConsole,
  PHONE,
  queryDatabase,
  reloadUntilVisible,
  RunningSystem,
  screenshot,
} from './console-harness';
import { DEMO_BK_DESA, DEMO_FISCAL_YEAR, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';

const BKM = 'bkm.14.03.09.1004';
const OFFICIALS = ['lurah.14.03.09.1004', 'camat.14.03.09', 'dinas', 'sekda', 'bupati'];
const TITLE = 'Semenisasi Jalan Gang Damai RT 03';
// RAB: 400 sak × Rp 75.000 + 12,5 m³ × Rp 250.000 + 60 HOK × Rp 150.000 = Rp 42.125.000.
// Swadaya Rp 2.200.000 (5,22%, KOTAKU asks at least 5%): Rp 39.925.000 requested; tranche 1 is 40%.
const FIRST_TRANCHE = 'Rp 15.970.000';
const SP2D = `0042/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}`;
const DED_PDF = Buffer.from('%PDF-1.7\n% gambar rencana jalan gang Damai\n%%EOF\n');

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(240_000);

describe('the web console, the whole story in a browser', () => {
  const isolation = createTestIsolation();
  const query = <T>(sql: string): Promise<T[]> => queryDatabase<T>(isolation, sql);
  const tokenOf = async (username: string): Promise<string> => (await callApiAs(system.url, username)).token;
  let system: RunningSystem;
  let browser: Browser;
  let bkm: Page;
  /** The proposal's page, once funded (the BKM's address of it). */
  let proposalPage: string;

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('is served by the gateway: page paths get the console, while the API and unknown API paths keep their own answers', async () => {
    const page = await fetch(`${system.url}/transparansi`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const api = await fetch(`${system.url}/api/v1/no-such-route`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(((await api.json()) as { statusCode: number }).statusCode).toBe(404);
    expect((await fetch(`${system.url}/api/v1/me`, { headers: { accept: 'text/html' } })).status).toBe(401);
    // The browser's tab shows the console's icon, which the page names (no request for a missing /favicon.ico).
    const icon = await fetch(`${system.url}/favicon.svg`);
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toContain('image/svg+xml');
    expect(html).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml" />');
  });

  it('lets a BKM write a proposal on a phone, with the RAB totalling itself and the swadaya share checked as it types', async () => {
    bkm = await browser.newPage(PHONE);
    await logIn(bkm, system.url, BKM);
    await bkm.getByRole('heading', { name: 'Usulan saya' }).waitFor();
    await checkPage(bkm, '01-bkm-home-phone');

    await bkm.getByRole('link', { name: 'Usulan baru' }).first().click();
    await bkm.getByRole('heading', { name: 'Usulan baru' }).waitFor();
    // A programme asking no swadaya names no minimum; the one asking 5% does.
    await bkm.getByLabel('Program').selectOption(DEMO_BK_DESA);
    expect(await bkm.getByTestId('swadaya-share').textContent()).toBe('0%');
    await bkm.getByLabel('Program').selectOption(DEMO_KOTAKU);
    // Nothing typed yet: the swadaya share is not marked as failing its minimum.
    await bkm.getByText('(minimal 5%)').waitFor();
    expect((await bkm.getByTestId('swadaya-share').getAttribute('class')) ?? '').not.toContain('bad');
    // Tabbing on to the next field brings it into view above the budget summary stuck to the phone's screen bottom.
    await bkm.getByLabel('KSM pelaksana').focus();
    await bkm.keyboard.press('Tab');
    expect(await bkm.evaluate(() => document.activeElement?.id)).toBe('households');
    const [next, summaryBox] = await Promise.all([
      bkm.locator('#households').boundingBox(),
      bkm.getByTestId('budget-summary').boundingBox(),
    ]);
    expect(next!.y + next!.height).toBeLessThanOrEqual(summaryBox!.y);

    // Submitting the empty form: every field a submission needs is named at once, in Indonesian, by its label, as
    // the API's 400 would name them; and nothing is sent, so no draft is made of it (where the draft's POST once
    // named the title alone, and the rest came one click later).
    const writes: string[] = [];
    const recordWrite = (request: Request) => {
      if (request.method() !== 'GET' && new URL(request.url()).pathname.startsWith('/api/')) writes.push(request.url());
    };
    bkm.on('request', recordWrite);
    await bkm.getByRole('button', { name: 'Simpan dan ajukan' }).click();
    const refusal = bkm.getByRole('alert');
    await refusal.getByText('Judul usulan').first().waitFor();
    expect(await refusal.locator('.field-name').allTextContents()).toEqual([
      'Judul usulan',
      'Uraian kegiatan',
      'KSM pelaksana',
      'Kategori',
      'Jumlah KK penerima manfaat',
      'Rencana anggaran biaya (RAB)',
      'Rekening penerima hibah',
    ]);
    expect(await refusal.textContent()).not.toMatch(/should|must|title|required/);
    for (const field of ['title', 'description', 'executorGroup', 'category', 'households'])
      await bkm.locator(`#${field}[aria-invalid="true"]`).waitFor();
    await bkm.locator('#budgetItems-error').getByText('Tambahkan paling sedikit satu baris RAB.').waitFor();
    // The account the grant is paid into is asked for as a whole, on its group; its name in the summary leads there.
    await bkm.getByTestId('payee-account').locator('#payeeAccount-error').getByText('Wajib diisi.').waitFor();
    await refusal.getByRole('link', { name: 'Rekening penerima hibah' }).click();
    expect(await bkm.evaluate(() => document.activeElement?.id)).toBe('payeeAccount-bankName');
    await checkPage(bkm, '02-bkm-form-api-errors-phone');
    bkm.off('request', recordWrite);
    expect(writes).toEqual([]);

    await bkm.getByLabel('Judul usulan').fill(TITLE);
    await bkm.getByLabel('Kategori').selectOption('INFRASTRUCTURE');
    await bkm
      .getByLabel('Uraian kegiatan')
      .fill('Pengecoran jalan lingkungan sepanjang 400 m di RT 03 yang rusak dan tergenang saat hujan.');
    await bkm.getByLabel('KSM pelaksana').fill('KSM Maju Bersama');
    await bkm.getByLabel('Jumlah KK penerima manfaat').fill('120');
    await bkm.getByLabel('Di antaranya KK miskin').fill('45');
    const lines: Array<[string, string, string, string]> = [
      ['Semen 50 kg', '400', 'sak', '75.000'],
      ['Pasir cor', '12,5', 'm3', '250.000'],
      ['Upah tukang', '60', 'HOK', '150.000'],
    ];
    for (const [i, [description, quantity, unit, price]] of lines.entries()) {
      if (i > 0) await bkm.getByRole('button', { name: 'Tambah baris' }).click();
      await bkm.getByLabel(`Uraian ${i + 1}`, { exact: true }).fill(description);
      await bkm.getByLabel(`Volume ${i + 1}`, { exact: true }).fill(quantity);
      await bkm.getByLabel(`Satuan ${i + 1}`, { exact: true }).fill(unit);
      await bkm.getByLabel(`Harga satuan (Rp) ${i + 1}`, { exact: true }).fill(price);
    }
    // The BKM's own account, its number as the passbook groups it.
    await bkm.getByLabel('Nama bank').fill('Bank Riau Kepri Syariah');
    await bkm.getByLabel('Nomor rekening').fill('123.0045.678');
    await bkm.getByLabel('Atas nama').fill('BKM Balik Alam');
    // What was typed survives a reload: it is kept on the phone until it is sent.
    await bkm.reload();
    await bkm.getByText('Isian yang belum terkirim dipulihkan dari perangkat ini.').waitFor();
    expect(await bkm.getByLabel('Judul usulan').inputValue()).toBe(TITLE);
    // The programme chosen before the reload is chosen again once the list has loaded.
    await expectEventually(async () => expect(await bkm.getByLabel('Program').inputValue()).toBe(DEMO_KOTAKU));
    expect(await bkm.getByLabel('Harga satuan (Rp) 3', { exact: true }).inputValue()).toBe('150.000');
    expect(await bkm.getByLabel('Nomor rekening').inputValue()).toBe('123.0045.678');
    expect(await bkm.getByTestId('rab-amount-1').textContent()).toBe('Rp 3.125.000');
    expect(await bkm.getByTestId('budget-total').textContent()).toBe('Rp 42.125.000');

    await bkm.getByLabel('Swadaya masyarakat').fill('2.000.000');
    expect(await bkm.getByTestId('swadaya-share').textContent()).toContain('4,74%');
    await bkm.getByText('Porsi swadaya di bawah minimal program (5%)').waitFor();
    await screenshot(bkm, '03-bkm-form-swadaya-below-minimum-phone');

    // The design drawing goes with the proposal: uploaded as soon as it is chosen, listed in the form.
    await bkm.getByLabel('Jenis dokumen').selectOption('DED');
    await bkm.getByLabel(/Lampirkan dokumen/).setInputFiles({ name: 'DED Gang Damai.pdf', mimeType: 'application/pdf', buffer: DED_PDF });
    await bkm.locator('.documents-editor .documents').getByText('DED Gang Damai.pdf').waitFor();

    await bkm.getByLabel('Swadaya masyarakat').fill('2.200.000');
    expect(await bkm.getByTestId('swadaya-share').textContent()).toContain('5,22%');
    expect(await bkm.getByTestId('requested-amount').textContent()).toBe('Rp 39.925.000');
    expect(await bkm.getByText('Porsi swadaya di bawah minimal').count()).toBe(0);
    await checkPage(bkm, '04-bkm-form-filled-phone');

    // The phone's connection drops every answer to the first click (the gateway makes the draft all the
    // same, then hears the console's retries, four in all, with the same key): the console gives up.
    const creations: string[] = [];
    await bkm.route('**/api/v1/proposals', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      creations.push(route.request().headers()['idempotency-key']);
      if (creations.length > 4) return route.continue();
      await route.fetch();
      return route.fulfill({
        status: 504,
        contentType: 'application/json',
        body: JSON.stringify({ statusCode: 504, message: 'Gateway Timeout' }),
      });
    });
    await bkm.getByRole('button', { name: 'Simpan dan ajukan' }).click();
    await expectEventually(async () => expect(creations).toHaveLength(4));
    await bkm.getByRole('alert').waitFor();
    await expectEventually(async () => expect(await bkm.getByRole('button', { name: 'Simpan dan ajukan' }).isEnabled()).toBe(true));
    // The second click is the same action: the same key, so the gateway answers with the draft it made.
    await bkm.getByRole('button', { name: 'Simpan dan ajukan' }).click();
    await bkm.getByRole('status').getByText('Usulan diajukan').waitFor();
    // Said once: the address does not keep the word, so that a reload or a copied link does not say it again.
    await bkm.waitForURL((url) => /^\/usulan\/[0-9a-f-]{36}$/.test(url.pathname) && url.search === '');
    await bkm.unroute('**/api/v1/proposals');
    expect(creations).toHaveLength(5);
    expect(new Set(creations).size).toBe(1);
    // The refused first submit, the click that met no answer and this one made one proposal, not two drafts.
    const proposals = await query<{ title: string }>(`SELECT title FROM "${isolation.env.DB_SCHEMA_PREFIX}proposals".proposal`);
    expect(proposals).toEqual([{ title: TITLE }]);
    // The approvals service opens the first stage once it hears of the submission.
    await reloadUntilVisible(bkm, () => bkm.getByTestId('waiting-at').getByText('Lurah / Kepala Desa (tahap 1 dari 5)'));
    // The account the grant will be paid into, as the API keeps it: digits only.
    expect(await bkm.getByTestId('payee-account').textContent()).toBe('Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam');
    await checkPage(bkm, '05-bkm-proposal-submitted-phone');
    // On a phone the RAB's lines stack, and its total is one ruled line: the label at the left, the amount at the right.
    const rab = bkm.locator('table.stack-table');
    const [table, label, amount] = await Promise.all([
      rab.boundingBox(),
      rab.locator('tfoot th').boundingBox(),
      rab.locator('tfoot td').boundingBox(),
    ]);
    expect(await rab.locator('tfoot').textContent()).toBe('Total RABRp 42.125.000');
    expect(Math.round(label!.x)).toBe(Math.round(table!.x));
    expect(Math.round(amount!.x + amount!.width)).toBe(Math.round(table!.x + table!.width));
  });

  it('keeps the proposal in view when the approvals service does not answer, says so, and shows the stages once it answers', async () => {
    await answerAsServiceDown(bkm, APPROVAL_STAGES, 'approvals');
    // The BKM is on the proposal's page, as its submission left it: a reload asks for its parts again.
    expect(new URL(bkm.url()).pathname).toMatch(/^\/usulan\/[0-9a-f-]{36}$/);
    await bkm.reload();
    const unavailable = bkm.getByTestId('parts-unavailable');
    await unavailable.getByText('Tahapan persetujuan tidak dapat dimuat saat ini').waitFor();
    expect(await bkm.getByRole('heading', { name: TITLE }).count()).toBe(1);
    expect(await bkm.getByTestId('village').textContent()).toBe('Balik Alam');
    expect(await bkm.getByTestId('beneficiaries').textContent()).toBe('120 KK (45 KK miskin)');
    expect(await bkm.getByRole('heading', { name: 'Tahapan persetujuan' }).count()).toBe(0);
    await checkPage(bkm, '05b-bkm-proposal-stages-unavailable-phone');

    await bkm.unroute(APPROVAL_STAGES);
    await unavailable.getByRole('button', { name: 'Muat ulang' }).click();
    await bkm.getByRole('heading', { name: 'Tahapan persetujuan' }).waitFor();
    expect(await bkm.locator('.stages li').first().textContent()).toContain('Lurah / Kepala Desa');
    expect(await unavailable.count()).toBe(0);
  });

  it('is approved by each official in turn from their inbox', async () => {
    for (const [i, username] of OFFICIALS.entries()) {
      const official = await browser.newPage(DESKTOP);
      await logIn(official, system.url, username);
      await official.getByRole('heading', { name: 'Menunggu keputusan Anda' }).waitFor();
      await reloadUntilVisible(official, () => official.getByTestId('inbox-item').filter({ hasText: TITLE }));
      const item = official.getByTestId('inbox-item').filter({ hasText: TITLE });
      expect(await item.getByText(`tahap ${i + 1} dari 5`).count()).toBe(1);
      await item.getByText(/Tepat waktu|Segera jatuh tempo/).waitFor();
      await (i === 0 ? checkPage : screenshot)(official, `${String(6 + i * 2).padStart(2, '0')}-${username.split('.')[0]}-inbox-desktop`);
      expect(await official.getByRole('heading', { name: 'Penunjukan Plt/Plh' }).count()).toBe(0);

      await item.getByRole('link', { name: TITLE }).click();
      await official.getByRole('heading', { name: 'Keputusan', exact: true }).waitFor();
      // Each official sees the documents the BKM attached.
      await official.getByTestId('documents').getByText('DED Gang Damai.pdf').waitFor();
      if (i === 0) {
        // The decision follows what it rests on (the RAB, the documents, the earlier stages); on a phone, a link at
        // the top leads to it.
        await official.setViewportSize(PHONE);
        const decisionTop = () =>
          official.getByRole('heading', { name: 'Keputusan', exact: true }).evaluate((h) => h.getBoundingClientRect().top);
        const screenHeight = PHONE.height;
        expect(await decisionTop()).toBeGreaterThan(screenHeight);
        await official.getByRole('link', { name: 'Ke keputusan Anda ↓' }).click();
        await expectEventually(async () => {
          const top = await decisionTop();
          expect(top >= 0 && top < screenHeight).toBe(true);
        });
        await official.setViewportSize(DESKTOP);
      }
      await official.getByLabel('Catatan (wajib untuk dikembalikan atau ditolak)').fill(`Disetujui oleh ${username}.`);
      await official.getByRole('button', { name: 'Setujui' }).click();
      const dialog = official.getByRole('dialog');
      await dialog.getByText('Setujui usulan ini?').waitFor();
      await dialog.getByRole('button', { name: 'Setujui' }).click();
      await official.getByRole('status').getByText('Keputusan tersimpan').waitFor();
      await (i === 0 ? checkPage : screenshot)(
        official,
        `${String(7 + i * 2).padStart(2, '0')}-${username.split('.')[0]}-approved-desktop`,
      );
      await official.close();
    }
  });

  it('lets one BPKAD official prepare the first tranche’s SPM and another authorise its SP2D, after confirming', async () => {
    const bpkad = await browser.newPage(DESKTOP);
    await logIn(bpkad, system.url, 'bpkad');
    await bpkad.getByRole('heading', { name: 'Termin siap dicairkan' }).waitFor();
    // The disbursements service commits the amount and readies tranche 1 once it hears of the final approval.
    await reloadUntilVisible(bpkad, () => bpkad.getByTestId('ready-tranche').filter({ hasText: TITLE }));
    const tranche = bpkad.getByTestId('ready-tranche').filter({ hasText: TITLE });
    await tranche.getByText(FIRST_TRANCHE).waitFor();
    expect(await bpkad.getByTestId('releases-count').textContent()).toBe(
      '1 usulan dengan termin menunggu BPKAD, yang disetujui paling awal lebih dulu · Halaman 1 dari 1',
    );
    // The village by its name, with a link to the proposal.
    await tranche.getByText('Balik Alam, Kec. Mandau').waitFor();
    const proposalPath = (await tranche.getByRole('link', { name: TITLE }).getAttribute('href'))!;
    expect(proposalPath).toMatch(/^\/usulan\/[0-9a-f-]{36}$/);
    await checkPage(bpkad, '16-bpkad-ready-desktop');

    await tranche.getByRole('button', { name: 'Siapkan SPM Termin 1' }).click();
    await bpkad.getByLabel('Nomor SP2D').fill(SP2D);
    // The SPM pays into the account the BKM named in its proposal: the form starts from it, and says so.
    await bpkad.getByText('Rekening diisi dari usulan: rekening penerima hibah yang dinamai BKM.').waitFor();
    expect(
      await Promise.all(['Nama bank', 'Nomor rekening', 'Atas nama'].map((label) => bpkad.getByLabel(label, { exact: true }).inputValue())),
    ).toEqual(['Bank Riau Kepri Syariah', '1230045678', 'BKM Balik Alam']);
    expect(await bpkad.getByLabel('Alasan rekening berbeda').count()).toBe(0);
    await bpkad.getByRole('button', { name: 'Siapkan SPM', exact: true }).click();
    await bpkad.getByRole('status').getByText(`SPM disiapkan, menunggu otorisasi: ${TITLE}, Termin 1`).waitFor();
    // Whoever prepared the SPM sees it waiting for someone else, with nothing to authorise.
    await tranche.getByText('Menunggu otorisasi').waitFor();
    await tranche.getByText('Anda yang menyiapkan SPM ini; otorisasinya oleh pejabat BPKAD lain.').waitFor();
    expect(await tranche.getByRole('button', { name: /Otorisasi/ }).count()).toBe(0);
    await bpkad.close();

    const kuasaBud = await browser.newPage(DESKTOP);
    await logIn(kuasaBud, system.url, 'bpkad.kuasa-bud');
    await kuasaBud.getByRole('heading', { name: 'Termin siap dicairkan' }).waitFor();
    // Told that an SPM waits (the one who prepared it is not), the second official follows the message to the proposal,
    // and from it to that one alone on the releases page.
    await kuasaBud.goto(`${system.url}/notifikasi`);
    const asked = kuasaBud.getByRole('link', { name: `SPM menunggu otorisasi: ${TITLE} (Balik Alam)` });
    await reloadUntilVisible(kuasaBud, () => asked);
    await asked.click();
    await kuasaBud.waitForURL((url) => url.pathname === proposalPath);
    await kuasaBud.getByRole('link', { name: 'Cairkan termin 1 di halaman Pencairan' }).click();
    await kuasaBud.getByText('Hanya usulan ini.').waitFor();
    expect(new URL(kuasaBud.url()).searchParams.get('usulan')).toBe(proposalPath.split('/').pop());
    const waiting = kuasaBud.getByTestId('ready-tranche').filter({ hasText: TITLE });
    await waiting.getByText('Menunggu otorisasi').waitFor();
    await waiting.getByText('Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam').waitFor();
    // Who prepared it, by name as the timeline names people, not by username.
    await waiting.getByText('PPK-SKPD BPKAD Kabupaten Bengkalis,', { exact: false }).waitFor();
    await checkPage(kuasaBud, '16b-bpkad-spm-waiting-desktop');
    await waiting.getByRole('button', { name: 'Otorisasi SP2D Termin 1' }).click();
    await kuasaBud.getByRole('button', { name: 'Cairkan', exact: true }).click();
    const dialog = kuasaBud.getByRole('dialog');
    // The last question names where the money goes.
    await dialog
      .getByText(`Cairkan ${FIRST_TRANCHE} dengan SP2D ${SP2D} ke rekening Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam?`)
      .waitFor();
    await checkPage(kuasaBud, '17-bpkad-confirm-desktop');
    await dialog.getByRole('button', { name: 'Cairkan' }).click();
    await kuasaBud.getByRole('status').getByText(`Termin dicairkan: ${TITLE}, Termin 1`).waitFor();
    await screenshot(kuasaBud, '18-bpkad-released-desktop');

    await kuasaBud.getByRole('link', { name: 'Pagu anggaran' }).first().click();
    const kotaku = kuasaBud.getByRole('region', { name: `KOTAKU (Kota Tanpa Kumuh) ${DEMO_FISCAL_YEAR} · Tahun ${DEMO_FISCAL_YEAR}` });
    // Mandau's KOTAKU pagu, its amounts in its own row (the programme's totals above name amounts too).
    const mandau = kotaku.getByTestId('ceiling-row').filter({ hasText: 'Kec. Mandau' });
    await mandau.getByText('Rp 15.970.000').waitFor();
    await checkPage(kuasaBud, '19-bpkad-ceilings-desktop');
    // Every kecamatan has its KOTAKU pagu, Pinggir's still the programme's default: BPKAD can set it before a proposal comes.
    const pinggir = kotaku.getByTestId('ceiling-row').filter({ hasText: 'Kec. Pinggir' });
    await pinggir.getByText('bawaan program').waitFor();
    expect(await pinggir.getByRole('button', { name: `Tetapkan pagu Kec. Pinggir ${DEMO_KOTAKU} ${DEMO_FISCAL_YEAR}` }).count()).toBe(1);
    const kecamatan = RegionDirectory.shared().childrenOf('14.03').length;
    expect(await kotaku.getByTestId('ceiling-row').count()).toBe(kecamatan);
    // The programme's whole pagu, to set beside the APBD: every kecamatan at Rp 2.000.000.000 still.
    expect(await kotaku.getByTestId('ceilings-total').textContent()).toContain(`Jumlah pagu ${formatRupiah(kecamatan * 2_000_000_000)}: `);

    // BPKAD changes a pagu here, after confirming; never below what is committed: the form says why.
    await kuasaBud.getByRole('button', { name: `Ubah pagu Kec. Mandau ${DEMO_KOTAKU} ${DEMO_FISCAL_YEAR}` }).click();
    const ceiling = kuasaBud.getByTestId('ceiling-form');
    const amount = ceiling.getByLabel('Pagu baru (Rp)');
    expect(await amount.inputValue()).toBe('2.000.000.000');
    // The form opens below its programme's table, and the amount has the focus.
    expect(await kotaku.evaluate((table) => table.nextElementSibling?.getAttribute('data-testid'))).toBe('ceiling-form');
    expect(await amount.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
    await amount.fill('10.000.000');
    await ceiling.getByRole('button', { name: 'Simpan pagu' }).click();
    const confirm = kuasaBud.getByRole('dialog');
    await confirm.getByText('Ubah pagu Kec. Mandau dari Rp 2.000.000.000 menjadi Rp 10.000.000?').waitFor();
    await confirm.getByRole('button', { name: 'Simpan pagu' }).click();
    await ceiling.locator('#ceilingAmount-error').getByText('Pagu tidak boleh di bawah jumlah yang sudah dikomitmenkan.').waitFor();
    await checkPage(kuasaBud, '19b-bpkad-ceiling-below-committed-desktop');
    await amount.fill('2.500.000.000');
    await ceiling.getByRole('button', { name: 'Simpan pagu' }).click();
    await confirm.getByText('Ubah pagu Kec. Mandau dari Rp 2.000.000.000 menjadi Rp 2.500.000.000?').waitFor();
    await confirm.getByRole('button', { name: 'Simpan pagu' }).click();
    await kuasaBud.getByRole('status').getByText('Pagu Kec. Mandau kini Rp 2.500.000.000.').waitFor();
    await mandau.getByText('Rp 2.500.000.000').waitFor();
    expect(await ceiling.count()).toBe(0);

    // The other BPKAD official changes it while this form is open: the change made on what it shows is refused, not lost.
    await kuasaBud.getByRole('button', { name: `Ubah pagu Kec. Mandau ${DEMO_KOTAKU} ${DEMO_FISCAL_YEAR}` }).click();
    expect(await amount.inputValue()).toBe('2.500.000.000');
    const meanwhile = await fetch(`${system.url}/api/v1/budgets/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/14.03.09`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf('bpkad')}` },
      body: JSON.stringify({ amount: 2_600_000_000 }),
    });
    expect(meanwhile.status).toBe(200);
    await amount.fill('3.000.000.000');
    await ceiling.getByRole('button', { name: 'Simpan pagu' }).click();
    await confirm.getByRole('button', { name: 'Simpan pagu' }).click();
    await ceiling.getByText('Pagu ini baru saja diubah orang lain. Muat ulang halaman lalu periksa lagi.').first().waitFor();
    await kuasaBud.reload();
    await mandau.getByText('Rp 2.600.000.000').waitFor();
    await kuasaBud.close();
  });

  it('tells the BKM of the release in its notifications', async () => {
    await bkm.goto(`${system.url}/usulan`);
    await reloadUntilVisible(bkm, () => bkm.getByTestId('unread-count'));
    await bkm.getByRole('link', { name: /notifikasi belum dibaca/ }).click();
    await bkm
      .getByRole('heading', { name: /Notifikasi/ })
      .first()
      .waitFor();
    await reloadUntilVisible(bkm, () => bkm.getByTestId('notification').filter({ hasText: `Termin 1 dicairkan: ${TITLE}` }));
    const released = bkm.getByTestId('notification').filter({ hasText: `Termin 1 dicairkan: ${TITLE}` });
    expect(await released.textContent()).toContain(SP2D);
    // The body reads as written, line by line: the link stands on a line of its own.
    expect(await released.locator('.notification-body').innerText()).toContain(`${SP2D}.\nLihat usulan: `);
    // The address on that line is a link as well, to the proposal's page in the console.
    const address = released.locator('.notification-body').getByRole('link', { name: /\/proposals\// });
    expect(await address.getAttribute('href')).toMatch(/^\/usulan\/[0-9a-f-]{36}$/);
    await checkPage(bkm, '20-bkm-notifications-phone');

    // From the message to the proposal: tranche 1 released, and the progress report the next tranche waits for.
    // Opening the message reads it.
    const unreadBefore = Number(await bkm.getByTestId('unread-count').textContent());
    await released.getByRole('link', { name: `Termin 1 dicairkan: ${TITLE}` }).click();
    await bkm.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    proposalPage = bkm.url();
    // Tranche 1 names its SP2D and the account it was paid into, for the BKM to find it in the bank.
    await bkm.locator('.tranches').getByText(`SP2D ${SP2D}, ke rekening Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam`).waitFor();
    // Before typing, the BKM reads what opens the next tranches and how much may have been spent: tranche 1 plus the swadaya.
    expect(await bkm.locator('.tranches li').allTextContents()).toEqual([
      expect.stringContaining(`SP2D ${SP2D}`),
      expect.stringMatching(/Terkunci dibuka setelah kemajuan fisik 30% diterima verifikator$/),
      expect.stringMatching(/Terkunci dibuka setelah kemajuan fisik 70% diterima verifikator$/),
    ]);
    await bkm.getByText('Paling banyak Rp 18.170.000: dana yang sudah dicairkan ditambah swadaya.').waitFor();
    // The picker offers the gallery as well as the camera: `capture` would open only the camera, one shot at a time.
    expect(await bkm.getByLabel('Pilih foto dari perangkat').getAttribute('capture')).toBeNull();
    await bkm.getByLabel('Kemajuan fisik (%)').fill('150');
    await bkm.getByLabel('Dana terpakai (Rp)').fill('12.000.000');
    await bkm.getByLabel('Keterangan').fill('Pengecoran 150 m selesai.');
    await bkm.getByRole('button', { name: 'Kirim laporan' }).click();
    await bkm.locator('#physicalProgressPercent[aria-invalid="true"]').waitFor();
    await checkPage(bkm, '20b-bkm-progress-report-error-phone');
    await bkm.getByLabel('Kemajuan fisik (%)').fill('35');
    await bkm.getByLabel('Pilih foto dari perangkat').setInputFiles({ name: 'cor-35.png', mimeType: 'image/png', buffer: TINY_PNG });
    await bkm.getByRole('button', { name: 'Kirim laporan' }).click();
    await bkm.getByRole('status').getByText('Laporan terkirim').waitFor();
    // The photo went up with the report: the report refers to it, and the Camat of the kecamatan can see it.
    const reports = await query<{ photos: Array<{ url: string }> }>(
      `SELECT photos FROM "${isolation.env.DB_SCHEMA_PREFIX}disbursements".progress_report ORDER BY seq DESC LIMIT 1`,
    );
    expect(reports[0].photos).toEqual([
      expect.objectContaining({ url: expect.stringMatching(/^\/api\/v1\/uploads\/photos\/[0-9a-f-]{36}$/) }),
    ]);
    const seenByCamat = await fetch(`${system.url}${reports[0].photos[0].url}`, {
      headers: { authorization: `Bearer ${await tokenOf('camat.14.03.09')}` },
    });
    expect([seenByCamat.status, seenByCamat.headers.get('content-type')]).toEqual([200, 'image/png']);
    await checkPage(bkm, '20c-bkm-proposal-funded-phone');
    await bkm.goto(`${system.url}/notifikasi`);
    await released.waitFor();
    expect(await released.getByRole('button', { name: 'Tandai dibaca' }).count()).toBe(0);
    await expectEventually(async () => {
      const now = (await bkm.getByTestId('unread-count').count()) ? Number(await bkm.getByTestId('unread-count').textContent()) : 0;
      expect(now).toBeLessThan(unreadBefore);
    });
    await screenshot(bkm, '20d-bkm-notifications-read-phone');
    // Switched to English, the console shows the notifications in English too (the BKM's messages stay Indonesian).
    await bkm.getByRole('button', { name: 'EN' }).click();
    await bkm
      .getByTestId('notification')
      .filter({ hasText: `Tranche 1 released: ${TITLE}` })
      .waitFor();
    expect(await bkm.getByTestId('notification').filter({ hasText: 'Termin 1 dicairkan' }).count()).toBe(0);
    // And the proposal's history: the funding lines, which the proposals service writes in Bahasa Indonesia, too.
    await bkm.goto(proposalPage);
    const history = bkm.locator('.timeline');
    await history.getByText(`Tranche 1 of 3, ${FIRST_TRANCHE}, released under SP2D ${SP2D}.`).waitFor();
    await history
      .getByText(`Rp 39.925.000 allocated from the Kec. Mandau ceiling for ${DEMO_FISCAL_YEAR}, to be released in 3 tranches.`)
      .waitFor();
    expect(await history.getByText(/dicairkan|dialokasikan|Laporan kemajuan/).count()).toBe(0);
    await bkm.getByRole('button', { name: 'ID' }).click();
    await history.getByText(`Termin 1 dari 3 sebesar ${FIRST_TRANCHE} dicairkan dengan SP2D ${SP2D}.`).waitFor();
    await bkm.goto(`${system.url}/notifikasi`);
    await released.waitFor();
  });

  it('prints the proposal as its paper copy for the berkas: the whole proposal, headed by its address, who printed it and when; no menu, buttons or forms', async () => {
    // An A4 page leaves about 700 px between its margins, where the screen's rules would stack the RAB into a phone's cards.
    const office = await browser.newPage({ width: 700, height: 990 });
    await logIn(office, system.url, BKM);
    await office.goto(proposalPage);
    await office.getByRole('heading', { name: TITLE, exact: true }).waitFor();
    await office.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await office.getByRole('button', { name: 'Cetak' }).click();
    expect(await office.locator('body').getAttribute('data-printed')).toBe('yes');
    expect(await office.getByTestId('print-header').isVisible()).toBe(false);

    // The browser stamps the copy as it prepares to print, on the day it is printed.
    await office.clock.setFixedTime(new Date('2026-08-17T03:00:00Z'));
    await office.emulateMedia({ media: 'print' });
    await office.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await office.getByTestId('print-header').locator('p').allInnerTexts()).toEqual([
      'Alur · Usulan masyarakat, dari BKM sampai pencairan dana',
      `Alamat halaman: ${proposalPage}`,
      'Dicetak oleh BKM Balik Alam (BKM) pada 17 Agu 2026, 10.00',
    ]);
    for (const tool of [
      office.getByRole('navigation', { name: 'Menu' }),
      office.getByRole('button', { name: 'Keluar' }),
      office.getByRole('button', { name: 'Cetak' }),
      office.getByRole('link', { name: /Kembali/ }),
      office.getByRole('button', { name: 'Kirim laporan' }),
      office.getByLabel('Kemajuan fisik (%)'),
    ])
      expect(await tool.isVisible()).toBe(false);
    // The RAB is a table with its column heads, the stages and the funds as on screen.
    expect(await office.getByRole('columnheader', { name: 'Harga satuan' }).isVisible()).toBe(true);
    expect(await office.getByRole('row', { name: /Semen/ }).first().isVisible()).toBe(true);
    expect(await office.locator('.stages li').allInnerTexts()).toEqual([
      expect.stringMatching(/^Lurah/),
      expect.stringMatching(/^Camat/),
      expect.stringMatching(/^Dinas/),
      expect.stringMatching(/^Sekda/),
      expect.stringMatching(/^Bupati/),
    ]);
    expect(await office.locator('.tranches').getByText(`SP2D ${SP2D}`).isVisible()).toBe(true);
    await office.close();
  });

  it('shows the amounts on the public transparency page, without logging in, on a phone and a desktop', async () => {
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${system.url}/transparansi`);
    await visitor.getByRole('heading', { name: 'Transparansi dana bantuan masyarakat' }).waitFor();
    const row = visitor.getByTestId('transparency-row').filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('Rp 39.925.000');
    expect(await row.textContent()).toContain(FIRST_TRANCHE);
    expect(await visitor.getByTestId('total-released').textContent()).toBe(FIRST_TRANCHE);
    // Mandau is named over its proposals and again over its villages' plan.
    await visitor.getByRole('heading', { name: 'Kecamatan Mandau' }).first().waitFor();
    await checkPage(visitor, '21-public-transparency-phone');
    await visitor.setViewportSize(DESKTOP);
    await screenshot(visitor, '22-public-transparency-desktop');

    const [download] = await Promise.all([visitor.waitForEvent('download'), visitor.getByRole('link', { name: 'Unduh CSV' }).click()]);
    const csv = await download.createReadStream().then(async (stream) => {
      let text = '';
      for await (const chunk of stream) text += chunk.toString();
      return text;
    });
    // A byte order mark first, so that Excel reads the names as UTF-8.
    expect(csv.startsWith('\uFEFFkode_kecamatan,')).toBe(true);
    // The progress column stays empty: the BKM's 35% counts once a verifier has checked it on site.
    expect(csv.split('\r\n')[1]).toBe(
      `14.03.09,Mandau,14.03.09.1004,Balik Alam,${TITLE},${DEMO_KOTAKU},KOTAKU (Kota Tanpa Kumuh) 2026,${DEMO_FISCAL_YEAR},39925000,39925000,15970000,,Pencairan berjalan,FUNDING`,
    );
    await visitor.close();
  });

  it('shows the regency dashboard to the Bupati, in English when switched', async () => {
    const bupati = await browser.newPage(DESKTOP);
    await logIn(bupati, system.url, 'bupati');
    await bupati.getByRole('link', { name: 'Dasbor' }).click();
    // It names the regency it is of.
    await bupati.getByRole('heading', { name: 'Dasbor Kabupaten Bengkalis', exact: true }).waitFor();
    await bupati.getByRole('region', { name: 'Dana per kecamatan' }).locator('.recharts-bar-rectangle').first().waitFor();
    // The legends read in the order the bars stand (recharts sorted them by name).
    expect(
      await bupati.getByRole('region', { name: 'Dana per kecamatan' }).locator('.recharts-legend-item-text').allTextContents(),
    ).toEqual(['Dikomitmenkan', 'Dicairkan']);
    // Each stage was decided within minutes of opening: the medians say so in minutes, where days wrote 0.
    const medians = bupati.getByRole('region', { name: 'Median waktu keputusan per tahap' }).locator('.recharts-label');
    await medians.first().waitFor();
    const texts = await medians.allTextContents();
    expect(texts).toHaveLength(5);
    for (const text of texts) expect(text).toMatch(/^(<\s)?\d+\smenit$/);
    // The table under the chart says how many decisions each median is of.
    const medianCard = bupati.getByRole('region', { name: 'Median waktu keputusan per tahap' });
    await medianCard.getByText('Tabel data').click();
    expect(await medianCard.getByRole('row', { name: /Lurah/ }).innerText()).toMatch(/menit\s+[1-9]\d* keputusan$/);
    // Nothing is late: the card says so, not that there is no data.
    await bupati
      .getByRole('region', { name: 'Keputusan terlambat per kecamatan' })
      .getByText('Tidak ada keputusan yang terlambat.')
      .waitFor();
    await checkPage(bupati, '23-bupati-dashboard-desktop');
    await bupati.getByRole('button', { name: 'EN' }).click();
    await bupati.getByRole('heading', { name: 'Kabupaten Bengkalis dashboard', exact: true }).waitFor();
    const inEnglish = await bupati
      .getByRole('region', { name: 'Median decision time per stage' })
      .locator('.recharts-label')
      .allTextContents();
    expect(inEnglish).toHaveLength(5);
    for (const text of inEnglish) expect(text).toMatch(/^(<\s)?\d+\sminutes?$/);
    await bupati.setViewportSize(PHONE);
    await screenshot(bupati, '24-bupati-dashboard-english-phone');
    await bupati.close();
  });
});
