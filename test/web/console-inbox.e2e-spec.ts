import { Page } from 'playwright-core';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { DEMO_BK_DESA } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, kotakuDraft, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import {
  Browser,
  callApiAs,
  checkPage,
  closeConsole,
  DESKTOP,
  logIn,
  openConsole,
  PHONE,
  queryDatabase,
  RunningSystem,
} from './console-harness';
import { RegionDirectory } from '@alur/regions';

const CAMAT = 'camat.14.03.09';
const OTHER_VILLAGE_NAME = RegionDirectory.shared().get(OTHER_MANDAU_VILLAGE)!.name;
const DRAINS = Array.from({ length: 9 }, (_, i) => `Drainase RT 0${i + 1}`);
const OTHER_TITLES = ['Sumur bor warga', 'Pos ronda'];

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(240_000);

describe('the officials’ inbox: search, filters and paging, and names rather than codes, in a browser', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;

  const as = (username: string) => callApiAs(system.url, username);

  /**
   * The BKM submits each proposal, and the village's Lurah approves it, so that it waits for the Camat.
   * Each reaches the Lurah before the next is submitted (the approvals service may take up submissions
   * sent together in any order), so the proposals wait for the Lurah, and then the Camat, in the order given.
   */
  async function sendToCamat(village: string, drafts: Array<Record<string, unknown>>): Promise<void> {
    const bkm = await as(`bkm.${village}`);
    const lurah = await as(`lurah.${village}`);
    const waiting: string[] = [];
    for (const draft of drafts) {
      const { id } = await bkm<{ id: string }>('POST', '/proposals', draft);
      await bkm('POST', `/proposals/${id}/submit`, {});
      const stageId = await expectEventually(
        async () => {
          const inbox = await lurah<{ items: Array<{ stageId: string; proposal: { proposalId: string } }> }>(
            'GET',
            '/approvals/inbox?pageSize=100',
          );
          const item = inbox.items.find((i) => i.proposal.proposalId === id);
          expect(item).toBeDefined();
          return item!.stageId;
        },
        { timeoutMs: 60_000 },
      );
      waiting.push(stageId);
    }
    for (const stageId of waiting) await lurah('POST', `/approvals/${stageId}/decision`, { decision: 'APPROVE' });
  }

  const items = (page: Page) => page.getByTestId('inbox-item');
  const count = (page: Page) => page.getByTestId('inbox-count');
  async function shows(page: Page, text: string): Promise<void> {
    await count(page).getByText(text, { exact: true }).waitFor();
  }

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    await sendToCamat(
      BALIK_ALAM,
      DRAINS.map((title) => kotakuDraft(BALIK_ALAM, { title })),
    );
    await sendToCamat(
      OTHER_MANDAU_VILLAGE,
      OTHER_TITLES.map((title) => kotakuDraft(OTHER_MANDAU_VILLAGE, { title, programCode: DEMO_BK_DESA })),
    );
    const camat = await as(CAMAT);
    await expectEventually(async () => expect((await camat<{ total: number }>('GET', '/approvals/inbox')).total).toBe(11), {
      timeoutMs: 60_000,
    });
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('pages eleven waiting decisions ten at a time, oldest first', async () => {
    const camat = await browser.newPage(DESKTOP);
    await logIn(camat, system.url, CAMAT);
    await camat.getByRole('link', { name: 'Kotak masuk' }).first().click();
    await shows(camat, '11 usulan · Halaman 1 dari 2');
    expect(await items(camat).count()).toBe(10);
    expect(await items(camat).first().getByRole('heading').textContent()).toBe(DRAINS[0]);
    await checkPage(camat, 'inbox-01-camat-first-page-desktop');

    await camat.getByRole('navigation', { name: 'Halaman' }).getByRole('link', { name: 'Berikutnya' }).click();
    await shows(camat, '11 usulan · Halaman 2 dari 2');
    expect(await items(camat).count()).toBe(1);
    expect(new URL(camat.url()).searchParams.get('halaman')).toBe('2');
    await camat.getByRole('link', { name: 'Sebelumnya' }).click();
    await shows(camat, '11 usulan · Halaman 1 dari 2');
    await camat.close();
  });

  it('finds proposals by title, village or kecamatan name, filters by programme and deadline, and keeps the search on reload', async () => {
    const camat = await browser.newPage(PHONE);
    await logIn(camat, system.url, CAMAT);
    await camat.goto(`${system.url}/kotak-masuk`);
    await shows(camat, '11 usulan · Halaman 1 dari 2');

    const search = camat.getByRole('search', { name: 'Cari dan saring' });
    await search.getByLabel('Cari judul, desa/kelurahan atau kecamatan').fill('sumur');
    await search.getByRole('button', { name: 'Cari', exact: true }).click();
    await shows(camat, '1 usulan · Halaman 1 dari 1');
    expect(await items(camat).first().getByRole('heading').textContent()).toBe(OTHER_TITLES[0]);

    await search.getByLabel('Cari judul, desa/kelurahan atau kecamatan').fill(OTHER_VILLAGE_NAME.toLowerCase());
    await search.getByRole('button', { name: 'Cari', exact: true }).click();
    await shows(camat, '2 usulan · Halaman 1 dari 1');
    expect(await items(camat).allTextContents()).toEqual(OTHER_TITLES.map((title) => expect.stringContaining(title)));
    await checkPage(camat, 'inbox-02-camat-village-search-phone');

    // By the kecamatan's name, every proposal of its villages.
    await search.getByLabel('Cari judul, desa/kelurahan atau kecamatan').fill('mandau');
    await search.getByRole('button', { name: 'Cari', exact: true }).click();
    await shows(camat, '11 usulan · Halaman 1 dari 2');

    await search.getByRole('button', { name: 'Hapus pencarian' }).click();
    await shows(camat, '11 usulan · Halaman 1 dari 2');
    await search
      .getByLabel('Program')
      .selectOption({ label: `Bantuan Keuangan Satu Miliar Satu Desa/Kelurahan ${DEMO_BK_DESA.slice(-4)}` });
    await shows(camat, '2 usulan · Halaman 1 dari 1');
    await search.getByLabel('Batas waktu').selectOption({ label: 'Terlambat' });
    await camat.getByText('Tidak ada usulan yang cocok dengan pencarian ini.').waitFor();
    expect(await items(camat).count()).toBe(0);
    await search.getByLabel('Batas waktu').selectOption({ label: 'Tepat waktu' });
    await shows(camat, '2 usulan · Halaman 1 dari 1');

    await camat.reload();
    await shows(camat, '2 usulan · Halaman 1 dari 1');
    expect(await camat.getByLabel('Batas waktu').inputValue()).toBe('on-time');
    await camat.close();
  });

  it('names the village, the kecamatan and the officials who decided, rather than their codes and usernames', async () => {
    const camat = await browser.newPage(DESKTOP);
    await logIn(camat, system.url, CAMAT);
    await camat.goto(`${system.url}/kotak-masuk`);
    await items(camat).first().getByRole('link', { name: DRAINS[0] }).click();
    await camat.getByRole('heading', { name: DRAINS[0] }).waitFor();
    expect(await camat.getByTestId('village').textContent()).toBe('Balik Alam');
    await camat.getByText('Mandau', { exact: true }).waitFor();
    // The Lurah's approval, on the stage list and in the timeline, by the name the gateway knows them by.
    await camat.locator('.stages').getByText('oleh Lurah Balik Alam', { exact: false }).waitFor();
    await camat.locator('.timeline').getByText('· BKM Balik Alam', { exact: false }).first().waitFor();
    expect(await camat.locator('main').textContent()).not.toContain('lurah.14.03.09.1004');
    await checkPage(camat, 'inbox-03-camat-proposal-names-desktop');
    await camat.close();

    const bkm = await browser.newPage(PHONE);
    await logIn(bkm, system.url, `bkm.${BALIK_ALAM}`);
    const card = bkm.getByTestId('proposal-card').filter({ hasText: DRAINS[0] });
    await card.getByText('Balik Alam, Kecamatan Mandau').waitFor();
    await checkPage(bkm, 'inbox-04-bkm-proposals-village-names-phone');
    await bkm.close();
  });

  it('writes a deadline at midnight as the end of the day before, where the official sees it', async () => {
    // A stage opened on a weekend or a holiday is due at midnight once its working days have passed.
    const stages = await queryDatabase<{ id: string }>(
      isolation,
      `UPDATE "${isolation.env.DB_SCHEMA_PREFIX}approvals".approval_stage SET due_at = $1 WHERE title = $2 AND status = 'OPEN' RETURNING id`,
      ['2030-03-20T17:00:00Z', DRAINS[0]],
    );
    expect(stages).toHaveLength(1);
    const camat = await browser.newPage(PHONE);
    await logIn(camat, system.url, CAMAT);
    await camat.goto(`${system.url}/kotak-masuk`);
    const item = items(camat).filter({ hasText: DRAINS[0] });
    await item.getByText('Tepat waktu · Batas waktu 20 Mar 2030, 24.00').waitFor();
    await item.getByRole('link', { name: DRAINS[0] }).click();
    await camat.getByRole('heading', { name: DRAINS[0] }).waitFor();
    await camat.locator('.stages').getByText('Batas waktu 20 Mar 2030, 24.00', { exact: false }).waitFor();
    await camat.close();
  });

  // Last: it decides proposals, which the counts above rely on.
  it('after a decision offers the next proposal waiting under the same search, and leads back to that search (or its last page)', async () => {
    const camat = await browser.newPage(PHONE);
    await logIn(camat, system.url, CAMAT);
    await camat.goto(`${system.url}/kotak-masuk`);
    const search = camat.getByRole('search', { name: 'Cari dan saring' });
    await search.getByLabel('Cari judul, desa/kelurahan atau kecamatan').fill(OTHER_VILLAGE_NAME);
    await search.getByRole('button', { name: 'Cari', exact: true }).click();
    await shows(camat, '2 usulan · Halaman 1 dari 1');
    const searchedInbox = camat.url();

    // "Kembali" from a proposal opened from the search returns to the search, not to the whole inbox.
    await items(camat).first().getByRole('link', { name: OTHER_TITLES[0] }).click();
    await camat.getByRole('heading', { name: OTHER_TITLES[0] }).waitFor();
    await camat.getByRole('link', { name: '← Kembali' }).click();
    await shows(camat, '2 usulan · Halaman 1 dari 1');
    expect(camat.url()).toBe(searchedInbox);

    const approve = async () => {
      await camat.locator('section.decision').getByRole('button', { name: 'Setujui' }).click();
      await camat.getByRole('dialog').getByRole('button', { name: 'Setujui' }).click();
    };
    const next = camat.getByTestId('next-in-inbox');
    await items(camat).first().getByRole('link', { name: OTHER_TITLES[0] }).click();
    await approve();
    await next.getByRole('status').getByText('Keputusan tersimpan').waitFor();
    await next.getByText('1 usulan lain yang cocok dengan pencarian Anda masih menunggu keputusan.').waitFor();
    expect(await next.getByText('Berikutnya:').textContent()).toContain(`${OTHER_TITLES[1]} · ${OTHER_VILLAGE_NAME} · Rp`);
    // The decision's buttons are gone, so focus is where the official looks next.
    expect(await next.getByRole('heading').evaluate((heading) => heading === document.activeElement)).toBe(true);
    await checkPage(camat, 'inbox-05-camat-next-after-decision-phone');

    await next.getByRole('link', { name: 'Buka usulan berikutnya' }).click();
    await camat.getByRole('heading', { name: OTHER_TITLES[1] }).waitFor();
    await approve();
    await next.getByText('Tidak ada lagi usulan yang cocok dengan pencarian Anda.').waitFor();
    expect(await next.getByRole('link', { name: 'Buka usulan berikutnya' }).count()).toBe(0);
    await next.getByRole('link', { name: 'Kembali ke kotak masuk' }).click();
    await camat.getByText('Tidak ada usulan yang cocok dengan pencarian ini.').waitFor();
    expect(camat.url()).toBe(searchedInbox);

    // Opened from a message's link, the next one is the oldest of the whole inbox.
    const waiting = await (
      await as(CAMAT)
    )<{ items: Array<{ proposal: { proposalId: string; title: string } }> }>('GET', '/approvals/inbox');
    expect(waiting.items.map((item) => item.proposal.title)).toEqual(DRAINS);
    await camat.goto(`${system.url}/proposals/${waiting.items[4]!.proposal.proposalId}`);
    await camat.getByRole('heading', { name: DRAINS[4] }).waitFor();
    await approve();
    await next.getByText('8 usulan lain masih menunggu keputusan Anda.').waitFor();
    expect(await next.getByText('Berikutnya:').textContent()).toContain(DRAINS[0]);
    await next.getByRole('link', { name: 'Kembali ke kotak masuk' }).click();
    await shows(camat, '8 usulan · Halaman 1 dari 1');
    expect(new URL(camat.url()).search).toBe('');

    // A page that no longer exists (its proposals were decided meanwhile) shows the last one, not "nothing waits".
    await camat.goto(`${system.url}/kotak-masuk?halaman=2`);
    await shows(camat, '8 usulan · Halaman 1 dari 1');
    expect(new URL(camat.url()).search).toBe('');
    await camat.close();
  });

  it('offers a Camat the reminders’ digest and the messages about stages, and a BKM neither (it never receives them)', async () => {
    for (const [username, digest, kinds] of [
      [CAMAT, 1, ['Status usulan', 'Tugas', 'Pengingat', 'Dana']],
      [`bkm.${BALIK_ALAM}`, 0, ['Status usulan', 'Dana']],
    ] as const) {
      const page = await browser.newPage(PHONE);
      await logIn(page, system.url, username);
      await page.goto(`${system.url}/notifikasi/pengaturan`);
      await page.getByRole('heading', { name: 'Pengaturan notifikasi' }).waitFor();
      await page.getByRole('button', { name: 'Simpan' }).waitFor();
      expect([username, await page.getByLabel('Ringkasan pengingat harian', { exact: false }).count()]).toEqual([username, digest]);
      expect(await page.locator('tbody th[scope="row"]').allTextContents()).toEqual(kinds);
      await page.close();
    }
  });
});
