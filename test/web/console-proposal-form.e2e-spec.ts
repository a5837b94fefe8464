import { Page } from 'playwright-core';
import { createTestIsolation } from '@alur/testing';
import { kotakuDraft } from '../proposals/proposal-fixtures';
import { Browser, callApiAs, closeConsole, logIn, openConsole, PHONE, RunningSystem } from './console-harness';

const VILLAGE = '14.03.09.1009';
const BKM = `bkm.${VILLAGE}`;
const ACCOUNT = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '1230045678', accountHolder: 'BKM Talang Mandi' };
const ACCOUNT_LABELS = ['Nama bank', 'Nomor rekening', 'Atas nama'];
const accountFields = (page: Page) => Promise.all(ACCOUNT_LABELS.map((label) => page.getByLabel(label, { exact: true }).inputValue()));

// A browser step takes seconds on a busy 2-core machine.
jest.setTimeout(180_000);

describe('the BKM’s proposal form, revising a draft, in a browser', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('empties on the server what the BKM emptied in the form, where the old text came back', async () => {
    const api = await callApiAs(system.url, BKM);
    const draft = await api<{ id: string }>('POST', '/proposals', kotakuDraft(VILLAGE, { payeeAccount: ACCOUNT }));
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, BKM);
    await phone.goto(`${system.url}/usulan/${draft.id}/ubah`);
    await phone.getByRole('heading', { name: 'Ubah usulan' }).waitFor();
    await phone.getByTestId('budget-total').getByText('Rp 100.000.000').waitFor();
    // The account the draft names is in the form, to check or change.
    expect(await accountFields(phone)).toEqual([ACCOUNT.bankName, ACCOUNT.accountNumber, ACCOUNT.accountHolder]);

    for (const label of ['Uraian kegiatan', 'KSM pelaksana', 'Jumlah KK penerima manfaat', 'Di antaranya KK miskin', ...ACCOUNT_LABELS])
      await phone.getByLabel(label, { exact: true }).fill('');
    await phone.getByLabel('Kategori').selectOption('');
    await phone.getByRole('button', { name: 'Simpan draf' }).click();
    await phone.getByRole('status').getByText('Draf tersimpan').waitFor();

    const saved = await api<Record<string, unknown>>('GET', `/proposals/${draft.id}`);
    expect(saved).toMatchObject({ title: 'Semenisasi Jalan Gang Damai', category: null, description: null, executorGroup: null });
    expect(saved.beneficiaries ?? null).toBeNull();
    expect(saved.payeeAccount).toBeNull();
    // And the form, opened again, shows them empty.
    await phone.goto(`${system.url}/usulan/${draft.id}/ubah`);
    await phone.getByTestId('budget-total').getByText('Rp 100.000.000').waitFor();
    expect(await phone.getByLabel('Uraian kegiatan', { exact: true }).inputValue()).toBe('');
    expect(await phone.getByLabel('KSM pelaksana', { exact: true }).inputValue()).toBe('');
    expect(await accountFields(phone)).toEqual(['', '', '']);
    await phone.close();
  });

  it('shows the API’s refusal of the account number on that field, and saves the account the BKM corrected', async () => {
    const api = await callApiAs(system.url, BKM);
    const draft = await api<{ id: string }>('POST', '/proposals', kotakuDraft(VILLAGE, { title: 'Sumur bor RT 02', payeeAccount: null }));
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, BKM);
    await phone.goto(`${system.url}/usulan/${draft.id}/ubah`);
    await phone.getByTestId('budget-total').getByText('Rp 100.000.000').waitFor();
    expect(await accountFields(phone)).toEqual(['', '', '']);

    // The holder left out and a letter O typed for a zero: the API refuses both, each shown on its own field.
    await phone.getByLabel('Nama bank', { exact: true }).fill(ACCOUNT.bankName);
    await phone.getByLabel('Nomor rekening', { exact: true }).fill('12300O5678');
    const answer = phone.waitForResponse((response) => response.request().method() === 'PATCH');
    await phone.getByRole('button', { name: 'Simpan draf' }).click();
    const refused = await (await answer).json();
    expect(refused.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'payeeAccount.accountHolder',
      'payeeAccount.accountNumber',
    ]);
    await phone.locator('#payeeAccount-accountNumber[aria-invalid="true"]').waitFor();
    await phone.locator('#payeeAccount-accountHolder[aria-invalid="true"]').waitFor();
    expect(await phone.locator('#payeeAccount-bankName').getAttribute('aria-invalid')).toBeNull();
    expect((await phone.getByRole('alert').locator('.field-name').allTextContents()).sort()).toEqual(['Atas nama', 'Nomor rekening']);
    // Not as a missing account on the group: the parts say what is wrong.
    expect(await phone.locator('#payeeAccount-error').count()).toBe(0);

    // The number as the passbook groups it is sent as digits.
    await phone.getByLabel('Nomor rekening', { exact: true }).fill('123 0045 678');
    await phone.getByLabel('Atas nama', { exact: true }).fill(ACCOUNT.accountHolder);
    await phone.getByRole('button', { name: 'Simpan draf' }).click();
    await phone.getByRole('status').getByText('Draf tersimpan').waitFor();
    expect((await api<Record<string, unknown>>('GET', `/proposals/${draft.id}`)).payeeAccount).toEqual(ACCOUNT);
    await phone.close();
  });

  it('shows a RAB line’s refusal on the row the BKM typed it in, when an emptied row sits above it', async () => {
    const api = await callApiAs(system.url, BKM);
    const draft = await api<{ id: string }>('POST', '/proposals', kotakuDraft(VILLAGE, { title: 'Drainase RT 05' }));
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, BKM);
    await phone.goto(`${system.url}/usulan/${draft.id}/ubah`);
    await phone.getByTestId('budget-total').getByText('Rp 100.000.000').waitFor();

    // Row 1 emptied (not removed), row 3's unit left out: only rows 2 and 3 are sent, as lines 1 and 2.
    for (const field of ['Uraian', 'Volume', 'Satuan', 'Harga satuan (Rp)']) await phone.getByLabel(`${field} 1`, { exact: true }).fill('');
    await phone.getByLabel('Satuan 3', { exact: true }).fill('');
    await phone.getByRole('button', { name: 'Simpan dan ajukan' }).click();

    const refusal = phone.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Rencana anggaran biaya (RAB) 3');
    expect(await refusal.textContent()).not.toContain('Rencana anggaran biaya (RAB) 2');
    await phone.locator('#rab-2-unit[aria-invalid="true"]').waitFor();
    expect(await phone.locator('#rab-1-unit').getAttribute('aria-invalid')).toBeNull();

    // The same from the API's own answer: saving the draft sends the two lines, and the API refuses line 2's unit.
    const answer = phone.waitForResponse((response) => response.request().method() === 'PATCH');
    await phone.getByRole('button', { name: 'Simpan draf' }).click();
    const refused = await (await answer).json();
    expect(refused.errors.map((e: { field: string }) => e.field)).toEqual(['budgetItems.1.unit']);
    await phone.locator('#rab-2-unit[aria-invalid="true"]').waitFor();
    expect(await phone.locator('#rab-1-unit').getAttribute('aria-invalid')).toBeNull();
    await phone.close();
  });
});
