import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, csvRecords, expectEventually, spreadsheetSheets } from '@alur/testing';
import { BALIK_ALAM, kotakuDraft, MANDAU, OTHER_MANDAU_VILLAGE, PINGGIR } from '../proposals/proposal-fixtures';
import { Browser, callApiAs, checkPage, closeConsole, DESKTOP, logIn, openConsole, PHONE, RunningSystem } from './console-harness';

/** The inspector this test's administrator makes: the regency's internal auditor, who reads everything and changes nothing. */
const INSPECTOR = 'inspektorat.uji-daftar';
const INSPECTOR_NAME = 'Inspektur Pembantu Wilayah I (uji)';
const INSPECTOR_PASSWORD = 'sandi-inspektur-uji-1';
const PINGGIR_VILLAGE = RegionDirectory.shared().villagesOf(PINGGIR)[0].code;
const CAMAT_PINGGIR = `camat.${PINGGIR}`;

/** Three proposals of the regency: two of Mandau (one of Balik Alam in review, a draft of another village), one of Pinggir. */
const IN_REVIEW = 'Drainase Jalan Sudirman (uji daftar usulan)';
const IN_REVIEW_KSM = 'KSM Sinar Pramuka';
const DRAFT = 'Sumur Bor RT 02 (uji daftar usulan)';
const OF_PINGGIR = 'Jalan Setapak Pinggir (uji daftar usulan)';

/** The inspector's menu, in order: the list of proposals, the audit trail, the budget pages, the regency's figures, and the common ones. */
const INSPECTOR_MENU = [
  'Daftar usulan',
  'Jejak audit',
  'Pagu anggaran',
  'Tahun anggaran',
  'Dasbor',
  'Evaluasi pilot',
  'Notifikasi',
  'Transparansi',
];

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(180_000);

describe('Daftar usulan: the officials’ list of the proposals of their region, and the inspector’s console', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  let inReviewId: string;

  const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });
  const filters = (page: Page) => page.getByRole('search', { name: 'Cari dan saring usulan' });
  /** What the list shows once its answer came: the count's words, and the proposals' titles (in any order: newest change first). */
  const listed = async (page: Page) => ({
    count: (await page.getByTestId('proposal-count').innerText()).trim(),
    titles: (await page.getByRole('list', { name: 'Daftar usulan' }).getByRole('heading').allInnerTexts()).sort(),
  });
  const expectListed = (page: Page, count: string, titles: string[]) =>
    expectEventually(async () => expect(await listed(page)).toEqual({ count, titles: [...titles].sort() }));
  const logInInspector = async (viewport = DESKTOP) => {
    const page = await browser.newPage(viewport);
    await logIn(page, system.url, INSPECTOR, INSPECTOR_PASSWORD);
    return page;
  };

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    const admin = await callApiAs(system.url, 'admin');
    await admin(
      'POST',
      '/users',
      { username: INSPECTOR, password: INSPECTOR_PASSWORD, displayName: INSPECTOR_NAME, role: 'INSPEKTORAT', regionCode: '14.03' },
      { 'Idempotency-Key': randomUUID() },
    );
    const balikAlam = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    ({ id: inReviewId } = await balikAlam<{ id: string }>(
      'POST',
      '/proposals',
      kotakuDraft(BALIK_ALAM, { title: IN_REVIEW, executorGroup: IN_REVIEW_KSM }),
    ));
    await balikAlam('POST', `/proposals/${inReviewId}/submit`, {});
    const otherVillage = await callApiAs(system.url, `bkm.${OTHER_MANDAU_VILLAGE}`);
    await otherVillage('POST', '/proposals', kotakuDraft(OTHER_MANDAU_VILLAGE, { title: DRAFT, executorGroup: 'KSM Air Bersih' }));
    const pinggir = await callApiAs(system.url, `bkm.${PINGGIR_VILLAGE}`);
    const { id: pinggirId } = await pinggir<{ id: string }>('POST', '/proposals', kotakuDraft(PINGGIR_VILLAGE, { title: OF_PINGGIR }));
    await pinggir('POST', `/proposals/${pinggirId}/submit`, {});
    // Both submitted proposals wait at their first stage (the Lurah's) once the approvals service heard of them.
    for (const [call, id] of [
      [balikAlam, inReviewId],
      [pinggir, pinggirId],
    ] as const)
      await expectEventually(async () => expect(await call<unknown[]>('GET', `/approvals/proposals/${id}/stages`)).not.toEqual([]));
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('gives the inspector a menu of what they read (Daftar usulan, Jejak audit, Pagu, Tahun anggaran, Dasbor, Evaluasi) and no administration page', async () => {
    const inspector = await logInInspector();
    // An inspector starts from the regency's figures.
    await inspector.waitForURL((url) => url.pathname === '/dasbor');
    await inspector.getByText(`${INSPECTOR_NAME} · Inspektorat`, { exact: false }).waitFor();
    expect(await menu(inspector).getByRole('link').allInnerTexts()).toEqual(INSPECTOR_MENU);
    await inspector.goto(`${system.url}/admin/pengguna`);
    await inspector.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();

    // Each budget page only reads: the ceilings without a button to change one, the fiscal year without its closing form.
    await menu(inspector).getByRole('link', { name: 'Pagu anggaran', exact: true }).click();
    await inspector.getByTestId('ceiling-row').first().waitFor();
    expect(await inspector.locator('main').getByRole('button').count()).toBe(0);
    await menu(inspector).getByRole('link', { name: 'Tahun anggaran', exact: true }).click();
    await inspector.getByTestId('closing-at').waitFor();
    expect(await inspector.locator('main form').count()).toBe(0);
    expect(await inspector.locator('main').getByRole('button').count()).toBe(0);

    // The audit trail, as the administrator reads it: the proposals service's records, the submission among them.
    await menu(inspector).getByRole('link', { name: 'Jejak audit', exact: true }).click();
    await inspector.getByRole('heading', { name: 'Jejak audit', level: 1 }).waitFor();
    await inspector.locator('[data-testid="audit-row"][data-action="proposal.submitted"]').first().waitFor();
    await inspector.close();
  });

  it('finds a proposal by text and by village, narrows by status, and keeps the search through a reload and the back button, on a phone', async () => {
    const phone = await logInInspector(PHONE);
    await menu(phone).getByRole('link', { name: 'Daftar usulan', exact: true }).click();
    await phone.getByRole('heading', { name: 'Daftar usulan', level: 1 }).waitFor();
    // Every proposal of the regency, drafts included.
    await expectListed(phone, '3 usulan', [IN_REVIEW, DRAFT, OF_PINGGIR]);
    const inReview = phone.getByTestId('proposal-card').filter({ hasText: IN_REVIEW });
    await inReview.getByText('Balik Alam, Kecamatan Mandau').waitFor();
    await inReview.getByText('Lurah / Kepala Desa (tahap 1 dari 5)').waitFor();
    await phone.getByTestId('proposal-card').filter({ hasText: DRAFT }).getByText('Draf', { exact: true }).waitFor();
    // Nothing runs out of the page sideways on a phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    await checkPage(phone, 'proposal-list-01-inspector-phone');

    // By the executing KSM's name, which only the proposal's details carry.
    await filters(phone).getByLabel('Cari judul, uraian atau KSM pelaksana').fill('sinar pramuka');
    await filters(phone).getByRole('button', { name: 'Cari', exact: true }).click();
    await expectListed(phone, '1 usulan', [IN_REVIEW]);
    await filters(phone).getByRole('button', { name: 'Hapus pencarian' }).click();
    await expectListed(phone, '3 usulan', [IN_REVIEW, DRAFT, OF_PINGGIR]);

    // By kecamatan, then one of its villages.
    await filters(phone).getByLabel('Kecamatan').selectOption({ label: 'Mandau' });
    await expectListed(phone, '2 usulan', [IN_REVIEW, DRAFT]);
    await filters(phone).getByLabel('Desa/Kelurahan').selectOption({ label: 'Balik Alam (kelurahan)' });
    await expectListed(phone, '1 usulan', [IN_REVIEW]);
    expect(new URL(phone.url()).searchParams.toString()).toBe(`kecamatan=${MANDAU}&desa=${BALIK_ALAM}`);

    // A status narrows further: Balik Alam has no draft, and the list says nothing matches, with the way back to all.
    await filters(phone).getByLabel('Status').selectOption({ label: 'Draf' });
    await expectListed(phone, 'Tidak ada usulan yang cocok dengan pencarian dan saringan ini.', []);
    await checkPage(phone, 'proposal-list-02-no-match-phone');
    await phone.getByRole('link', { name: 'Tampilkan semua usulan' }).click();
    await expectListed(phone, '3 usulan', [IN_REVIEW, DRAFT, OF_PINGGIR]);

    await filters(phone).getByLabel('Status').selectOption({ label: 'Draf' });
    await expectListed(phone, '1 usulan', [DRAFT]);
    await filters(phone).getByLabel('Kecamatan').selectOption({ label: 'Mandau' });
    await expectListed(phone, '1 usulan', [DRAFT]);
    await expectEventually(async () => expect(new URL(phone.url()).searchParams.get('kecamatan')).toBe(MANDAU));
    // A reload keeps the search, and the form shows it.
    await phone.reload();
    await expectListed(phone, '1 usulan', [DRAFT]);
    // The kecamatan's select shows it once the kecamatan are loaded.
    await expectEventually(async () =>
      expect([await filters(phone).getByLabel('Status').inputValue(), await filters(phone).getByLabel('Kecamatan').inputValue()]).toEqual([
        'DRAFT',
        MANDAU,
      ]),
    );
    // Back: the draft status alone again, then the whole list.
    await phone.goBack();
    await expectEventually(async () => expect(await filters(phone).getByLabel('Kecamatan').inputValue()).toBe(''));
    await expectListed(phone, '1 usulan', [DRAFT]);
    await phone.goBack();
    await expectListed(phone, '3 usulan', [IN_REVIEW, DRAFT, OF_PINGGIR]);
    await expectEventually(async () => expect(await filters(phone).getByLabel('Status').inputValue()).toBe(''));

    await phone.getByRole('button', { name: 'EN' }).click();
    await phone.getByRole('heading', { name: 'Proposals', level: 1 }).waitFor();
    await phone
      .getByTestId('proposal-count')
      .filter({ hasText: /^3 proposals$/ })
      .waitFor();
    await phone.close();
  });

  it('gives the inspector every proposal their search finds as a spreadsheet and a CSV file for their working papers, and no file when none is found', async () => {
    const inspector = await logInInspector();
    await inspector.goto(`${system.url}/daftar-usulan`);
    await expectListed(inspector, '3 usulan', [IN_REVIEW, DRAFT, OF_PINGGIR]);
    await filters(inspector).getByLabel('Kecamatan').selectOption({ label: 'Mandau' });
    await expectListed(inspector, '2 usulan', [IN_REVIEW, DRAFT]);

    const [file] = await Promise.all([
      inspector.waitForEvent('download'),
      inspector.getByRole('link', { name: 'Unduh CSV', exact: true }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/^daftar-usulan-\d{4}-\d{2}-\d{2}\.csv$/);
    const records = csvRecords(readFileSync((await file.path())!, 'utf8'));
    expect(records.map((r) => r.judul).sort()).toEqual([IN_REVIEW, DRAFT].sort());
    expect(records.find((r) => r.judul === IN_REVIEW)).toMatchObject({
      id: inReviewId,
      desa_kelurahan: 'Balik Alam',
      kode_desa: BALIK_ALAM,
      kecamatan: 'Mandau',
      dana_diminta: '95000000',
    });
    await checkPage(inspector, 'proposal-list-05-inspector-csv-desktop');

    // The same two as a spreadsheet, which an Excel set to Indonesian opens as it is, and which says what it holds.
    const [spreadsheet] = await Promise.all([
      inspector.waitForEvent('download'),
      inspector.getByRole('link', { name: 'Unduh Excel', exact: true }).click(),
    ]);
    expect(spreadsheet.suggestedFilename()).toMatch(/^daftar-usulan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const [rows, about] = await spreadsheetSheets(readFileSync((await spreadsheet.path())!));
    expect(rows.records.map((r) => r.Judul).sort()).toEqual([IN_REVIEW, DRAFT].sort());
    expect(rows.records.find((r) => r.Judul === IN_REVIEW)).toMatchObject({ 'ID usulan': inReviewId, 'Dana diminta (Rp)': 95_000_000 });
    expect(about.records).toContainEqual({ Berkas: 'Saringan', 'Daftar usulan': `Wilayah: Mandau (${MANDAU})` });
    expect(about.records).toContainEqual({ Berkas: 'Diunduh oleh', 'Daftar usulan': INSPECTOR });

    // Nothing found, nothing to download.
    await filters(inspector).getByLabel('Desa/Kelurahan').selectOption({ label: 'Balik Alam (kelurahan)' });
    await filters(inspector).getByLabel('Status').selectOption({ label: 'Draf' });
    await expectListed(inspector, 'Tidak ada usulan yang cocok dengan pencarian dan saringan ini.', []);
    expect(await inspector.getByRole('link', { name: /^Unduh (CSV|Excel)$/ }).count()).toBe(0);
    await inspector.close();
  });

  it('shows a Camat the proposals of their kecamatan alone, narrowed by village: none of Mandau for the Camat of Pinggir', async () => {
    const camat = await browser.newPage(DESKTOP);
    await logIn(camat, system.url, CAMAT_PINGGIR);
    // After the inbox in their menu.
    expect(await menu(camat).getByRole('link').allInnerTexts()).toEqual(['Kotak masuk', 'Daftar usulan', 'Notifikasi', 'Transparansi']);
    await menu(camat).getByRole('link', { name: 'Daftar usulan', exact: true }).click();
    await expectListed(camat, '1 usulan', [OF_PINGGIR]);
    // Their kecamatan is their whole region: they choose among its villages only.
    expect(await filters(camat).getByLabel('Kecamatan').count()).toBe(0);
    const village = RegionDirectory.shared().get(PINGGIR_VILLAGE)!;
    await filters(camat)
      .getByLabel('Desa/Kelurahan')
      .selectOption({ label: `${village.name} (${village.villageKind === 'DESA' ? 'desa' : 'kelurahan'})` });
    await expectListed(camat, '1 usulan', [OF_PINGGIR]);
    expect(new URL(camat.url()).searchParams.get('desa')).toBe(PINGGIR_VILLAGE);

    await filters(camat).getByLabel('Desa/Kelurahan').selectOption({ label: 'Semua desa/kelurahan' });
    await filters(camat).getByLabel('Cari judul, uraian atau KSM pelaksana').fill('Drainase Jalan Sudirman');
    await filters(camat).getByRole('button', { name: 'Cari', exact: true }).click();
    await expectListed(camat, 'Tidak ada usulan yang cocok dengan pencarian dan saringan ini.', []);
    await checkPage(camat, 'proposal-list-03-camat-desktop');
    // Nor does the API give them Mandau's, asked for by its code.
    const api = await callApiAs(system.url, CAMAT_PINGGIR);
    expect(await api<{ total: number }>('GET', `/proposals?regionCode=${MANDAU}`)).toMatchObject({ total: 0 });
    await camat.close();
  });

  it('leads the inspector from the list to a proposal, which they only read, back to the list as they left it, and to the proposal’s audit trail', async () => {
    const inspector = await logInInspector();
    await inspector.goto(`${system.url}/daftar-usulan?kecamatan=${MANDAU}`);
    await expectListed(inspector, '2 usulan', [IN_REVIEW, DRAFT]);
    const openProposal = async () => {
      await inspector.getByRole('list', { name: 'Daftar usulan' }).getByRole('link', { name: IN_REVIEW }).click();
      await inspector.getByRole('heading', { name: IN_REVIEW, level: 1 }).waitFor();
    };
    await openProposal();
    await inspector.getByTestId('waiting-at').getByText('Lurah / Kepala Desa (tahap 1 dari 5)', { exact: false }).waitFor();
    await inspector.getByRole('heading', { name: 'Riwayat' }).waitFor();
    // Every service let them read: nothing is said to be missing.
    expect(await inspector.getByTestId('parts-unavailable').count()).toBe(0);
    // Nothing on the page changes anything: no button but the one that prints it, no field, no form or dialog, no way to edit or decide.
    const main = inspector.locator('main');
    expect(await main.getByRole('button').allInnerTexts()).toEqual(['Cetak']);
    expect(await main.locator('input, select, textarea, form, dialog').count()).toBe(0);
    expect(await main.getByRole('link', { name: /Ubah|Revisi|Cairkan|pagu|keputusan/i }).count()).toBe(0);
    await checkPage(inspector, 'proposal-list-04-inspector-proposal-desktop');

    // Its way back leads to the list it was opened from, still narrowed to Mandau.
    await inspector.getByRole('link', { name: 'Kembali' }).click();
    await inspector.waitForURL((url) => url.pathname === '/daftar-usulan' && url.searchParams.get('kecamatan') === MANDAU);
    await expectListed(inspector, '2 usulan', [IN_REVIEW, DRAFT]);

    await openProposal();
    await inspector.getByRole('link', { name: 'Jejak audit usulan ini' }).click();
    await inspector.getByRole('heading', { name: 'Jejak audit usulan', level: 1 }).waitFor();
    await inspector.getByTestId('audited-proposal').getByRole('link', { name: IN_REVIEW }).waitFor();
    await inspector.locator('[data-testid="audit-row"][data-action="proposal.submitted"]').waitFor();
    await inspector.close();
  });
});
