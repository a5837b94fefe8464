import { Page } from 'playwright-core';
import { createTestIsolation } from '@alur/testing';
import { DEMO_FISCAL_YEAR } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, kotakuDraft, MANDAU } from '../proposals/proposal-fixtures';
import {
  approveByChain,
  Browser,
  callApiAs,
  checkPage,
  closeConsole,
  DESKTOP,
  firstTrancheReady,
  logIn,
  openConsole,
  PHONE,
  reloadUntilVisible,
  RunningSystem,
} from './console-harness';

/**
 * The BKM's account on record, from the proposal to the payment order. A KOTAKU proposal of Balik Alam naming the
 * BKM's account is approved by the whole chain through the API; BPKAD's first official prepares tranche 1's SPM in
 * the console, the second reads it before authorising.
 */
const TITLE = 'Talud Sungai Mandau RT 04';
const ON_RECORD = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Balik Alam' };
const ON_RECORD_LINE = 'Bank Riau Kepri Syariah 1230045678 a.n. BKM Balik Alam';
const OTHER_NUMBER = '1230049999';
const OTHER_LINE = `Bank Riau Kepri Syariah ${OTHER_NUMBER} a.n. BKM Balik Alam`;
const REASON = 'Surat BKM Balik Alam no. 12/BKM/2026: rekening lama ditutup bank, diganti rekening baru.';
const SP2D = `0051/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}`;
const CHAIN = [`lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'sekda', 'bupati'];

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(180_000);

describe('the BKM’s account on record in the console: BPKAD’s SPM starts from it, and another account needs a reason the authoriser reads', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  let proposalId: string;

  const as = (username: string) => callApiAs(system.url, username);
  const accountFields = (page: Page) =>
    Promise.all(['Nama bank', 'Nomor rekening', 'Atas nama'].map((label) => page.getByLabel(label, { exact: true }).inputValue()));

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    const bkm = await as(`bkm.${BALIK_ALAM}`);
    ({ id: proposalId } = await bkm<{ id: string }>(
      'POST',
      '/proposals',
      kotakuDraft(BALIK_ALAM, { title: TITLE, payeeAccount: ON_RECORD }),
    ));
    await bkm('POST', `/proposals/${proposalId}/submit`, {});
    await approveByChain(system.url, proposalId, CHAIN);
    await firstTrancheReady(system.url, proposalId);
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('fills BPKAD’s SPM with the proposal’s account, and asks why when the official types another one', async () => {
    const bpkad = await browser.newPage(DESKTOP);
    await logIn(bpkad, system.url, 'bpkad');
    // BPKAD reads the account on the proposal's page too.
    await bpkad.goto(`${system.url}/usulan/${proposalId}`);
    expect(await bpkad.getByTestId('payee-account').textContent()).toBe(ON_RECORD_LINE);

    await bpkad.goto(`${system.url}/pencairan?usulan=${proposalId}`);
    const tranche = bpkad.getByTestId('ready-tranche').filter({ hasText: TITLE });
    await reloadUntilVisible(bpkad, () => tranche.getByRole('button', { name: 'Siapkan SPM Termin 1' }));
    await tranche.getByRole('button', { name: 'Siapkan SPM Termin 1' }).click();
    const form = bpkad.locator('form.release-form');
    await form.getByText('Rekening diisi dari usulan: rekening penerima hibah yang dinamai BKM.').waitFor();
    expect(await accountFields(bpkad)).toEqual([ON_RECORD.bankName, ON_RECORD.accountNumber, ON_RECORD.accountHolder]);
    const reason = bpkad.getByLabel('Alasan rekening berbeda');
    expect(await reason.count()).toBe(0);

    // The holder's name typed in other letters is the same account: no warning, no reason.
    await bpkad.getByLabel('Atas nama', { exact: true }).fill('bkm balik alam');
    expect(await form.getByTestId('account-differs').count()).toBe(0);
    await bpkad.getByLabel('Atas nama', { exact: true }).fill(ON_RECORD.accountHolder);

    // Another number is another account: the form says which one the proposal names, and asks why.
    await bpkad.getByLabel('Nomor rekening', { exact: true }).fill(OTHER_NUMBER);
    const differs = form.getByTestId('account-differs');
    await differs.getByText('Rekening berbeda dari usulan').waitFor();
    await differs.getByText(`Rekening dalam usulan: ${ON_RECORD_LINE}`).waitFor();
    await reason.waitFor();
    await bpkad.getByLabel('Nomor SP2D', { exact: true }).fill(SP2D);
    // Without a reason the API refuses it, and the form says so at the reason.
    const refused = bpkad.waitForResponse((response) => response.request().method() === 'POST' && response.url().endsWith('/spm'));
    await form.getByRole('button', { name: 'Siapkan SPM', exact: true }).click();
    const answer = await refused;
    expect(answer.status()).toBe(400);
    expect(((await answer.json()) as { errors: Array<{ field: string }> }).errors.map((e) => e.field)).toEqual(['accountChangeNote']);
    await form
      .locator('#accountChangeNote-error')
      .getByText('Rekening ini berbeda dari rekening dalam usulan: tuliskan alasannya, misalnya surat BKM.')
      .waitFor();
    expect(await bpkad.locator('#accountChangeNote').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByRole('alert').locator('.field-name').allTextContents()).toEqual(['Alasan rekening berbeda']);
    await checkPage(bpkad, 'payee-01-bpkad-spm-other-account-desktop');

    await reason.fill(REASON);
    await form.getByRole('button', { name: 'Siapkan SPM', exact: true }).click();
    await bpkad.getByRole('status').getByText(`SPM disiapkan, menunggu otorisasi: ${TITLE}, Termin 1`).waitFor();
    const { items } = await (
      await as('bpkad')
    )<{ items: Array<{ tranches: Array<{ spm: unknown }> }> }>('GET', `/disbursements?proposalId=${proposalId}`);
    expect(items[0].tranches[0].spm).toMatchObject({
      bankAccount: { ...ON_RECORD, accountNumber: OTHER_NUMBER },
      accountChangeNote: REASON,
    });
    await bpkad.close();
  });

  it('shows the authorising official the proposal’s account, the SPM’s and the reason, before the button that authorises it', async () => {
    const kuasaBud = await browser.newPage(DESKTOP);
    await logIn(kuasaBud, system.url, 'bpkad.kuasa-bud');
    await kuasaBud.goto(`${system.url}/pencairan?usulan=${proposalId}`);
    const tranche = kuasaBud.getByTestId('ready-tranche').filter({ hasText: TITLE });
    await reloadUntilVisible(kuasaBud, () => tranche.getByText('Menunggu otorisasi'));
    const warning = tranche.getByTestId('account-change');
    await warning.getByText('Rekening berbeda dari usulan').waitFor();
    expect(await warning.locator('dd').allTextContents()).toEqual([ON_RECORD_LINE, OTHER_LINE, REASON]);
    expect(await warning.locator('dt').allTextContents()).toEqual([
      'Rekening dalam usulan',
      'Rekening dalam SPM',
      'Alasan rekening berbeda',
    ]);
    // Read before the button: above it in the card.
    const authorise = tranche.getByRole('button', { name: 'Otorisasi SP2D Termin 1' });
    const [warningBox, buttonBox] = await Promise.all([warning.boundingBox(), authorise.boundingBox()]);
    expect(warningBox!.y + warningBox!.height).toBeLessThanOrEqual(buttonBox!.y);
    await checkPage(kuasaBud, 'payee-02-kuasa-bud-account-differs-desktop');
    // And again in the form where the SP2D is authorised.
    await authorise.click();
    await kuasaBud.locator('form.release-form').getByTestId('account-change').getByText(REASON).waitFor();
    await kuasaBud.close();
  });

  it('keeps the SP2D number and the accounts within their boxes on a phone', async () => {
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, 'bpkad.kuasa-bud');
    await phone.goto(`${system.url}/pencairan?usulan=${proposalId}`);
    const tranche = phone.getByTestId('ready-tranche').filter({ hasText: TITLE });
    await tranche.getByTestId('account-change').waitFor();
    // Each fact's text stays within its own box: an SP2D number such as 0051/SP2D/LS/BPKAD/2026 has no space to break at.
    const overflowing = await tranche
      .locator('dd')
      .evaluateAll((dds) => dds.filter((dd) => dd.scrollWidth > dd.clientWidth).map((dd) => dd.textContent));
    expect(overflowing).toEqual([]);
    await phone.close();
  });

  it('keeps the reason with the SPM the second official returned, for the first to read when preparing the next', async () => {
    const kuasaBud = await browser.newPage(DESKTOP);
    await logIn(kuasaBud, system.url, 'bpkad.kuasa-bud');
    await kuasaBud.goto(`${system.url}/pencairan?usulan=${proposalId}`);
    const waiting = kuasaBud.getByTestId('ready-tranche').filter({ hasText: TITLE });
    await waiting.getByRole('button', { name: 'Kembalikan SPM' }).click();
    await kuasaBud.getByLabel('Alasan pengembalian').fill('Surat BKM belum dilegalisasi Lurah.');
    await kuasaBud.locator('form.release-form').getByRole('button', { name: 'Kembalikan SPM' }).click();
    await kuasaBud.getByRole('status').getByText(`SPM dikembalikan: ${TITLE}, Termin 1`).waitFor();
    await kuasaBud.close();

    const bpkad = await browser.newPage(DESKTOP);
    await logIn(bpkad, system.url, 'bpkad');
    await bpkad.goto(`${system.url}/pencairan?usulan=${proposalId}`);
    const note = bpkad.getByTestId('ready-tranche').filter({ hasText: TITLE }).getByTestId('returned-spm');
    await note.getByText('Surat BKM belum dilegalisasi Lurah.', { exact: false }).waitFor();
    await note.getByText(`SPM itu: SP2D ${SP2D}, rekening ${OTHER_LINE}.`).waitFor();
    await note.getByText(`Alasan rekening berbeda: ${REASON}`).waitFor();
    await bpkad.close();
  });

  it('offers the BKM, writing its next proposal, the account it named in its last one, and says where it came from', async () => {
    const bkm = await browser.newPage(PHONE);
    await logIn(bkm, system.url, `bkm.${BALIK_ALAM}`);
    await bkm.getByRole('link', { name: 'Usulan baru' }).first().click();
    await bkm.getByRole('heading', { name: 'Usulan baru' }).waitFor();
    const notice = bkm.getByTestId('account-from-previous');
    await notice.waitFor();
    expect(await notice.textContent()).toBe(
      `Diisi dari usulan “${TITLE}”. Periksa kembali: jika rekening BKM sudah berubah, ganti di sini.`,
    );
    expect(await accountFields(bkm)).toEqual([ON_RECORD.bankName, ON_RECORD.accountNumber, ON_RECORD.accountHolder]);
    await checkPage(bkm, 'payee-05-bkm-new-proposal-account-phone');
    // Another account typed in is the BKM's own: the form no longer says it came from the last proposal.
    await bkm.getByLabel('Nomor rekening', { exact: true }).fill(OTHER_NUMBER);
    await notice.waitFor({ state: 'detached' });
    await bkm.close();
  });

  it('keeps the account off the public transparency pages', async () => {
    const visitor = await browser.newPage(DESKTOP);
    await visitor.goto(`${system.url}/transparansi`);
    await reloadUntilVisible(visitor, () => visitor.getByText(TITLE));
    expect(await visitor.locator('body').innerText()).not.toContain(ON_RECORD.accountNumber);
    const report = await (await fetch(`${system.url}/api/v1/public/transparency`)).text();
    expect(report).toContain(TITLE);
    expect(report).not.toContain(ON_RECORD.accountNumber);
    expect(report).not.toContain(OTHER_NUMBER);
    await visitor.close();
  });
});
