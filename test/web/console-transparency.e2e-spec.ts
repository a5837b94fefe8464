import { randomUUID } from 'node:crypto';
import { Page } from 'playwright-core';
import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, expectEventually, TINY_PNG } from '@alur/testing';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, kotakuDraft, MANDAU, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import { Browser, callApiAs, checkPage, closeConsole, openConsole, PHONE, RunningSystem } from './console-harness';

const OTHER_VILLAGE_NAME = RegionDirectory.shared().get(OTHER_MANDAU_VILLAGE)!.name;
const BALIK_ALAM_NAME = RegionDirectory.shared().get(BALIK_ALAM)!.name;
const ROADS = Array.from({ length: 9 }, (_, i) => `Semenisasi jalan RT 0${i + 1}`);
const WELLS = ['Sumur bor warga', 'Sumur bor masjid'];
const REPORTED = ROADS[0];

// Eleven proposals through five approval stages, and a browser on a busy 2-core machine.
jest.setTimeout(300_000);

describe('the public transparency page: search, filters, paging, the village plan and verified progress with photos, logged out, on a phone', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  let acceptedPhotoUrl: string;
  let pendingPhotoId: string;

  const as = (username: string) => callApiAs(system.url, username);

  /** Every stage of the chain approves every waiting proposal, one role at a time. */
  async function approveAll(count: number): Promise<void> {
    const chain = [[`lurah.${BALIK_ALAM}`, `lurah.${OTHER_MANDAU_VILLAGE}`], [`camat.${MANDAU}`], ['dinas'], ['sekda'], ['bupati']];
    for (const officials of chain) {
      const callers = await Promise.all(officials.map(as));
      const waiting = await expectEventually(
        async () => {
          const inboxes = await Promise.all(
            callers.map(async (call) => ({
              call,
              inbox: await call<{ items: Array<{ stageId: string }>; total: number }>('GET', '/approvals/inbox?pageSize=100'),
            })),
          );
          expect(inboxes.reduce((sum, { inbox }) => sum + inbox.total, 0)).toBe(count);
          return inboxes.flatMap(({ call, inbox }) => inbox.items.map(({ stageId }) => ({ call, stageId })));
        },
        { timeoutMs: 60_000 },
      );
      for (const { call, stageId } of waiting) await call('POST', `/approvals/${stageId}/decision`, { decision: 'APPROVE' });
    }
  }

  async function uploadPhoto(token: string): Promise<{ id: string; url: string }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(TINY_PNG)], { type: 'image/png' }), 'foto.png');
    const response = await fetch(`${system.url}/api/v1/uploads/photos`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; url: string };
  }

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    const bpkad = await as('bpkad');
    await bpkad('PUT', `/budgets/${DEMO_KOTAKU}/${DEMO_FISCAL_YEAR}/${MANDAU}`, { amount: 20_000_000_000 });
    const ids: Record<string, string> = {};
    for (const [village, titles] of [
      [BALIK_ALAM, ROADS],
      [OTHER_MANDAU_VILLAGE, WELLS],
    ] as const) {
      const bkm = await as(`bkm.${village}`);
      for (const title of titles) {
        const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(village, { title }));
        await bkm('POST', `/proposals/${id}/submit`, {});
        ids[title] = id;
      }
    }
    await approveAll(ROADS.length + WELLS.length);

    // The first road's first tranche is released; its BKM reports twice; the Verifikator accepts the first report only.
    const disbursement = await expectEventually(
      async () => {
        const { items } = await bpkad<{ items: Array<{ id: string; tranches: Array<{ status: string }> }> }>(
          'GET',
          `/disbursements?proposalId=${ids[REPORTED]}`,
        );
        expect(items).toMatchObject([{ tranches: [{ status: 'READY' }, {}, {}] }]);
        return items[0];
      },
      { timeoutMs: 60_000 },
    );
    const sp2dNumber = `${disbursement.id.slice(0, 8)}-1/SP2D/LS/${DEMO_FISCAL_YEAR}`;
    const tranche = `/disbursements/${disbursement.id}/tranches/1`;
    const bankAccount = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };
    await bpkad('POST', `${tranche}/spm`, { sp2dNumber, bankAccount }, { 'Idempotency-Key': randomUUID() });
    await (
      await as('bpkad.kuasa-bud')
    )('POST', `${tranche}/release`, { sp2dNumber, releasedAt: new Date().toISOString() }, { 'Idempotency-Key': randomUUID() });
    const bkm = await as(`bkm.${BALIK_ALAM}`);
    const accepted = await uploadPhoto(bkm.token);
    acceptedPhotoUrl = `/api/v1/public/transparency/photos/${accepted.id}`;
    const report = await bkm<{ id?: string; report?: { id: string } }>('POST', `/proposals/${ids[REPORTED]}/progress-reports`, {
      physicalProgressPercent: 40,
      amountSpent: 10_000_000,
      note: 'Pengecoran 80 m jalan selesai',
      photos: [{ url: accepted.url, caption: 'Pengecoran RT 01' }],
    });
    await (
      await as(`verifikator.${MANDAU}`)
    )('POST', `/progress-reports/${report.id ?? report.report?.id}/verification`, { decision: 'ACCEPTED' });
    const pending = await uploadPhoto(bkm.token);
    pendingPhotoId = pending.id;
    await bkm('POST', `/proposals/${ids[REPORTED]}/progress-reports`, {
      physicalProgressPercent: 60,
      amountSpent: 12_000_000,
      note: 'Belum diperiksa',
      photos: [{ url: pending.url }],
    });
    await expectEventually(
      async () => {
        const answer = (await (await fetch(`${system.url}/api/v1/public/transparency?q=${encodeURIComponent(REPORTED)}`)).json()) as {
          total: number;
          totals: { released: number };
        };
        expect(answer.totals.released).toBeGreaterThan(0);
      },
      { timeoutMs: 60_000 },
    );
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  const rows = (page: Page) => page.getByTestId('transparency-row');
  const found = (page: Page, n: number) =>
    page.getByTestId('transparency-found').getByText(`${n} usulan ditemukan`, { exact: true }).waitFor();

  it('pages the eleven funded proposals ten at a time, and searches them by title', async () => {
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${system.url}/transparansi`);
    await found(visitor, 11);
    expect(await rows(visitor).count()).toBe(10);
    // The public reads the programme's name, not its code.
    expect(await rows(visitor).first().textContent()).toContain('KOTAKU (Kota Tanpa Kumuh) 2026');
    await checkPage(visitor, '40-transparency-first-page-phone');
    await visitor.getByRole('link', { name: 'Berikutnya' }).click();
    await visitor.waitForURL(/halaman=2/);
    await expectEventually(async () => expect(await rows(visitor).count()).toBe(1));
    await visitor.getByRole('link', { name: 'Sebelumnya' }).waitFor();

    await visitor.getByRole('searchbox', { name: 'Cari usulan' }).fill('sumur BOR');
    await visitor.getByRole('button', { name: 'Cari', exact: true }).click();
    await found(visitor, 2);
    expect((await rows(visitor).allTextContents()).every((text) => text.includes('Sumur bor'))).toBe(true);
    expect(visitor.url()).toContain('q=sumur');
    // An official who came to the public page finds the way in from its header.
    await visitor.getByRole('link', { name: 'Masuk petugas' }).click();
    await visitor.getByRole('heading', { name: 'Masuk', exact: true }).waitFor();
    expect(await visitor.getByRole('link', { name: 'Masuk petugas' }).count()).toBe(0);
    await visitor.close();
  });

  it('filters by kecamatan and village by name, and the plan of villages leads to a village’s proposals', async () => {
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${system.url}/transparansi`);
    await found(visitor, 11);
    await visitor.getByRole('combobox', { name: 'Kecamatan' }).selectOption({ label: 'Mandau' });
    await visitor.getByRole('combobox', { name: 'Desa/Kelurahan' }).selectOption({ label: OTHER_VILLAGE_NAME });
    await visitor.getByRole('button', { name: 'Cari', exact: true }).click();
    await found(visitor, 2);
    expect(visitor.url()).toContain(`desa=${OTHER_MANDAU_VILLAGE}`);

    // The regency map: Mandau's seat (Duri) leads to the kecamatan's list, the other seats are there without a link.
    await visitor.getByTestId('seat-map').getByRole('link', { name: 'Kecamatan Mandau (Duri): 11 usulan didanai' }).click();
    await visitor.waitForURL(/kecamatan=14\.03\.09$/);
    await found(visitor, 11);
    expect(await visitor.getByTestId('seat-map').locator('circle').count()).toBeGreaterThan(1);

    const map = visitor.getByTestId('village-map');
    await map.getByRole('link', { name: `${BALIK_ALAM_NAME}: 9 usulan didanai` }).click();
    await found(visitor, 9);
    // The villages of Mandau without a funded proposal are on the plan too, but lead nowhere.
    expect(await map.getByRole('img', { name: /belum ada usulan didanai/ }).count()).toBeGreaterThan(0);
    await checkPage(visitor, '41-transparency-village-phone');
    await visitor.close();
  });

  it('shows a proposal’s verified progress with its photo, and keeps photos of reports not yet accepted private', async () => {
    const visitor = await browser.newPage(PHONE);
    await visitor.goto(`${system.url}/transparansi?q=${encodeURIComponent(REPORTED)}`);
    await found(visitor, 1);
    // In English one proposal is one proposal, not "1 proposals".
    await visitor.getByRole('button', { name: 'EN' }).click();
    await visitor.getByTestId('transparency-found').getByText('1 proposal found', { exact: true }).waitFor();
    await visitor.getByRole('button', { name: 'ID' }).click();
    await rows(visitor).getByRole('button', { name: 'Lihat kemajuan dan foto' }).click();
    const progress = visitor.getByTestId('public-progress');
    await progress.getByText('40% terverifikasi').waitFor();
    // The report still waiting for the Verifikator is not published.
    expect(await progress.getByRole('listitem').filter({ hasText: 'terverifikasi' }).count()).toBe(1);
    expect(await progress.getByText('Belum diperiksa').count()).toBe(0);
    const photo = progress.getByRole('img', { name: 'Pengecoran RT 01' });
    expect(await photo.getAttribute('src')).toBe(acceptedPhotoUrl);
    await expectEventually(async () =>
      expect(
        await photo.evaluate(
          (img) =>
            (img as unknown as { complete: boolean; naturalWidth: number }).complete &&
            (img as unknown as { naturalWidth: number }).naturalWidth > 0,
        ),
      ).toBe(true),
    );
    await checkPage(visitor, '42-transparency-progress-photo-phone');
    await visitor.close();

    const publicPhoto = await fetch(`${system.url}${acceptedPhotoUrl}`);
    expect(publicPhoto.status).toBe(200);
    expect(publicPhoto.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${system.url}/api/v1/public/transparency/photos/${pendingPhotoId}`)).status).toBe(404);
  });
});
