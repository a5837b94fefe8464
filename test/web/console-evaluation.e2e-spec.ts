import { readFileSync } from 'node:fs';
import { createTestIsolation, expectEventually, pdfText, spreadsheetSheets } from '@alur/testing';
import { DEMO_BK_DESA, DEMO_FISCAL_YEAR } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, kotakuDraft } from '../proposals/proposal-fixtures';
import { Browser, callApiAs, checkPage, closeConsole, DESKTOP, logIn, openConsole, PHONE, RunningSystem } from './console-harness';

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(240_000);

/**
 * The data set: two BK-DESA proposals of Balik Alam (Mandau, a pilot kecamatan of the programme), one
 * rejected by the Lurah and one waiting for him; none elsewhere. Pilot: 2 submitted, 0 approved, 1
 * rejected; the Lurah decided 1 stage; the others: nothing.
 */
describe('the pilot evaluation page, for Bappeda (Dinas) and regency officials, in a browser', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;

  const as = (username: string) => callApiAs(system.url, username);

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    const bkm = await as(`bkm.${BALIK_ALAM}`);
    for (const title of ['Jalan usaha tani', 'Balai warga']) {
      const { id } = await bkm<{ id: string }>('POST', '/proposals', { ...kotakuDraft(BALIK_ALAM, { programCode: DEMO_BK_DESA }), title });
      await bkm('POST', `/proposals/${id}/submit`, {});
    }
    const lurah = await as(`lurah.${BALIK_ALAM}`);
    const [first] = await expectEventually(
      async () => {
        const inbox = await lurah<{ total: number; items: Array<{ stageId: string }> }>('GET', '/approvals/inbox?pageSize=100');
        expect(inbox.total).toBe(2);
        return inbox.items;
      },
      { timeoutMs: 60_000 },
    );
    await lurah('POST', `/approvals/${first.stageId}/decision`, { decision: 'REJECT', note: 'Di luar RPJMDes' });
    const dinas = await as('dinas');
    await expectEventually(
      async () =>
        expect((await dinas<{ groups: unknown[] }>('GET', `/evaluations/${DEMO_BK_DESA}/${DEMO_FISCAL_YEAR}`)).groups[0]).toMatchObject({
          submitted: 2,
          rejected: 1,
        }),
      {
        timeoutMs: 60_000,
      },
    );
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('shows the pilot against the others, with charts, the figures in tables, and CSV and PDF downloads', async () => {
    const page = await browser.newPage(DESKTOP);
    await logIn(page, system.url, 'dinas');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Evaluasi pilot' }).click();
    await page.getByRole('heading', { level: 1, name: 'Evaluasi pilot' }).waitFor();
    await page
      .getByLabel('Program', { exact: true })
      .selectOption({ label: `Bantuan Keuangan Satu Miliar Satu Desa/Kelurahan ${DEMO_FISCAL_YEAR}` });
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    const proposals = page.getByRole('region', { name: 'Usulan' });
    await expect(proposals.getByRole('row', { name: /Diajukan/ }).innerText()).resolves.toMatch(/Diajukan\s+2\s+0/);
    await expect(proposals.getByRole('row', { name: /Ditolak/ }).innerText()).resolves.toMatch(/Ditolak\s+1\s+0/);
    await expect(proposals.getByRole('row', { name: /Disetujui/ }).innerText()).resolves.toMatch(/Disetujui\s+0\s+0/);
    const stages = page.getByRole('region', { name: 'Hari kerja per tahap (median dan p90)' });
    await expect(
      stages
        .getByRole('row', { name: /Dieskalasi/ })
        .first()
        .innerText(),
    ).resolves.toMatch(/\s0\s+0$/);
    // The programme's own pilot, by name, and ticked in the chooser.
    await page.getByText('Wilayah pilot: Kec. Mandau, Kec. Pinggir').waitFor();
    expect(await page.getByRole('group', { name: 'Wilayah pilot' }).getByRole('checkbox', { checked: true }).count()).toBe(2);
    expect(await page.getByLabel('Mandau', { exact: true }).isChecked()).toBe(true);
    // The charts render after the tables (Recharts measures its container first): the third is waited for.
    const charts = page.locator('.recharts-wrapper');
    await charts.nth(2).waitFor();
    expect(await charts.count()).toBe(3);
    await checkPage(page, 'evaluation-01-dinas-desktop');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh PDF' }).click()]);
    expect(pdf.suggestedFilename()).toBe(`evaluasi-${DEMO_BK_DESA}.pdf`);
    const text = await pdfText(readFileSync((await pdf.path())!));
    expect(text).toContain(`Evaluasi pilot ${DEMO_BK_DESA}`);
    expect(text).toMatch(/Usulan diajukan\s+2\s+0/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`evaluasi-${DEMO_BK_DESA}.csv`);
    expect(readFileSync((await csv.path())!, 'utf8').split('\r\n')[1]).toMatch(
      new RegExp(`^${DEMO_BK_DESA},${DEMO_FISCAL_YEAR},pilot,2,0,0,1,`),
    );
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toBe(`evaluasi-${DEMO_BK_DESA}.xlsx`);
    const [figures] = await spreadsheetSheets(readFileSync((await xlsx.path())!));
    expect(figures.records[0]).toMatchObject({ Program: DEMO_BK_DESA, Kelompok: 'pilot', 'Usulan diajukan': 2, 'Usulan ditolak': 1 });

    // Another pilot, chosen by name: without Mandau, Balik Alam's two proposals count among the others.
    await page.getByLabel('Mandau', { exact: true }).uncheck();
    await page.getByLabel('Bengkalis', { exact: true }).check();
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByText('Wilayah pilot: Kec. Pinggir, Kec. Bengkalis').waitFor();
    expect(new URL(page.url()).searchParams.get('pilot')).toBe('14.03.13,14.03.01');
    await expect(proposals.getByRole('row', { name: /Diajukan/ }).innerText()).resolves.toMatch(/Diajukan\s+0\s+2/);
    // One village added to that pilot, chosen by name: Balik Alam's proposals count in the pilot again.
    await page.getByText('Tambah satu desa/kelurahan', { exact: true }).click();
    const adding = page.getByRole('group', { name: 'Tambah satu desa/kelurahan' });
    await adding.getByLabel('Kecamatan').selectOption({ label: 'Mandau' });
    await adding.getByLabel('Desa/Kelurahan').selectOption({ label: 'Balik Alam (kelurahan)' });
    await adding.getByRole('button', { name: 'Tambahkan ke pilot' }).click();
    await page.getByRole('group', { name: 'Wilayah pilot' }).getByLabel('Balik Alam', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Tampilkan' }).click();
    await page.getByText('Wilayah pilot: Kec. Pinggir, Kec. Bengkalis, Balik Alam, Kec. Mandau').waitFor();
    expect(new URL(page.url()).searchParams.get('pilot')).toBe('14.03.13,14.03.01,14.03.09.1004');
    await expect(proposals.getByRole('row', { name: /Diajukan/ }).innerText()).resolves.toMatch(/Diajukan\s+2\s+0/);
    // And back to the programme's own list.
    await page.getByRole('button', { name: 'Pakai daftar wilayah program' }).click();
    await page.getByText('Wilayah pilot: Kec. Mandau, Kec. Pinggir').waitFor();
    await expect(proposals.getByRole('row', { name: /Diajukan/ }).innerText()).resolves.toMatch(/Diajukan\s+2\s+0/);
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.getByLabel('Nama pengguna').waitFor();
    await page.close();
  });

  it('is not offered to a BKM, and fits a phone for a Bupati', async () => {
    const bkm = await browser.newPage(PHONE);
    await logIn(bkm, system.url, `bkm.${BALIK_ALAM}`);
    expect(await bkm.getByRole('link', { name: 'Evaluasi pilot' }).count()).toBe(0);
    await bkm.goto(`${system.url}/evaluasi`);
    await bkm.getByRole('heading', { level: 1 }).waitFor();
    expect(await bkm.getByRole('heading', { name: 'Evaluasi pilot' }).count()).toBe(0);
    await bkm.getByRole('button', { name: 'Keluar' }).click();
    await bkm.getByLabel('Nama pengguna').waitFor();
    await bkm.close();

    const bupati = await browser.newPage(PHONE);
    await logIn(bupati, system.url, 'bupati');
    await bupati.goto(`${system.url}/evaluasi?program=${DEMO_BK_DESA}`);
    await bupati.getByRole('link', { name: 'Unduh PDF' }).waitFor();
    await checkPage(bupati, 'evaluation-02-bupati-phone');
    await bupati.close();
  });
});
