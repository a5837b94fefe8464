import { readFileSync } from 'node:fs';
import { Page } from 'playwright-core';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { DEMO_FISCAL_YEAR } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, BKM_ACCOUNT, kotakuDraft, MANDAU } from '../proposals/proposal-fixtures';
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
  releaseTranche,
  RunningSystem,
} from './console-harness';

/**
 * An administrator, for an inspector, follows one grant across the services: a KOTAKU proposal of Balik Alam is
 * submitted, approved by the whole chain, and its first tranche prepared by one BPKAD official and released by
 * another, all through the API; the administrator opens its trail from the proposal's page.
 */
const TITLE = 'Drainase Jalan Pramuka (uji jejak audit usulan)';
const SP2D = `0063/SP2D/LS/BPKAD/${DEMO_FISCAL_YEAR}`;
const BKM = `bkm.${BALIK_ALAM}`;
const CHAIN = [`lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'sekda', 'bupati'];
const CHAIN_ROLES = ['Lurah / Kepala Desa', 'Camat', 'Dinas teknis', 'Sekda', 'Bupati'];
/** Each official as the trail shows them: by the name their account carries, with the username the record keeps. */
const CHAIN_NAMES = [
  'Lurah Balik Alam',
  'Camat Mandau',
  'Dinas Teknis Kabupaten Bengkalis',
  'Sekretaris Daerah Kabupaten Bengkalis',
  'Bupati Bengkalis',
];
const SERVICE = {
  proposals: 'Usulan dan program',
  approvals: 'Persetujuan, Plt/Plh dan hari libur',
  disbursements: 'Pagu, pencairan dan laporan kemajuan',
};
/** What the inspector follows, in the order it happened: the records of other actions (a stage opened, say) lie between. */
const FOLLOWED = new Set(['proposal.submitted', 'approval-stage.decided', 'tranche.prepared', 'tranche.released']);

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(180_000);

describe('a proposal’s audit trail across services in the console, for an administrator', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;
  let proposalId: string;

  const as = (username: string) => callApiAs(system.url, username);
  const trailPath = () => `/admin/jejak-audit/usulan/${proposalId}`;
  /** Each row of the trail as read: its action, and the text of each cell (time, service, who, what, on what, change). */
  const rowsOf = (page: Page) =>
    page.getByTestId('audit-row').evaluateAll((rows) =>
      rows.map((row) => ({
        action: row.getAttribute('data-action'),
        cells: [...(row as HTMLTableRowElement).cells].map((c) => c.innerText),
      })),
    );

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    const bkm = await as(BKM);
    ({ id: proposalId } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: TITLE })));
    await bkm('POST', `/proposals/${proposalId}/submit`, {});
    await approveByChain(system.url, proposalId, CHAIN);
    // Four eyes: one official prepares the SPM, another authorises its SP2D.
    await releaseTranche(system.url, await firstTrancheReady(system.url, proposalId), 1, { sp2dNumber: SP2D, bankAccount: BKM_ACCOUNT });
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('leads the administrator from the proposal’s page to its trail, which reads the submission, each stage’s decision, the SPM and the release in time order', async () => {
    const admin = await browser.newPage(DESKTOP);
    await logIn(admin, system.url, 'admin');
    await admin.goto(`${system.url}/usulan/${proposalId}`);
    await admin.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await admin.getByRole('link', { name: 'Jejak audit usulan ini' }).click();

    await admin.getByRole('heading', { name: 'Jejak audit usulan', level: 1 }).waitFor();
    // The proposal by its title, leading back to its page.
    await admin.getByTestId('audited-proposal').getByRole('link', { name: TITLE }).waitFor();
    await admin.getByTestId('audit-row').filter({ hasText: SP2D }).first().waitFor();
    // Every service answered: nothing is missing.
    expect(await admin.getByTestId('trail-unavailable').count()).toBe(0);

    const rows = await rowsOf(admin);
    // Oldest first: it starts with the BKM's draft.
    expect(rows[0]).toMatchObject({
      action: 'proposal.created',
      cells: [
        expect.any(String),
        SERVICE.proposals,
        expect.stringContaining(BKM),
        'Draf dibuat\nproposal.created',
        expect.any(String),
        expect.any(String),
      ],
    });
    const followed = rows.filter((row) => FOLLOWED.has(row.action!));
    expect(followed.map((row) => [row.action, row.cells[1], row.cells[2].split('\n').slice(0, 2)])).toEqual([
      ['proposal.submitted', SERVICE.proposals, ['BKM Balik Alam', `${BKM} · BKM`]],
      ...CHAIN.map((official, i) => ['approval-stage.decided', SERVICE.approvals, [CHAIN_NAMES[i], `${official} · ${CHAIN_ROLES[i]}`]]),
      ['tranche.prepared', SERVICE.disbursements, ['PPK-SKPD BPKAD Kabupaten Bengkalis', 'bpkad · BPKAD']],
      ['tranche.released', SERVICE.disbursements, ['Kuasa BUD BPKAD Kabupaten Bengkalis', 'bpkad.kuasa-bud · BPKAD']],
    ]);
    // What each did, in words, and from which status to which.
    const [submitted, ...rest] = followed;
    const [released, prepared] = [rest.pop()!, rest.pop()!];
    expect(submitted.cells[3]).toBe('Diajukan\nproposal.submitted');
    expect(submitted.cells[5]).toContain('Draf → Diajukan');
    for (const decided of rest) {
      expect(decided.cells[3]).toBe('Tahap persetujuan diputuskan\napproval-stage.decided');
      expect(decided.cells[5]).toContain('Menunggu keputusan → Disetujui');
      expect(decided.cells[5]).toContain('decision: — → APPROVE');
    }
    expect(prepared.cells[3]).toBe('SPM disiapkan\ntranche.prepared');
    expect(prepared.cells[5]).toContain('Siap dicairkan → Menunggu otorisasi');
    expect(released.cells[3]).toBe('Termin dicairkan (SP2D)\ntranche.released');
    expect(released.cells[5]).toContain('Menunggu otorisasi → Sudah dicairkan');
    expect(released.cells[5]).toContain(`sp2dNumber: — → ${SP2D}`);
    await checkPage(admin, 'proposal-audit-01-trail-desktop');

    // The same records as a file for the inspector's working papers, each led by its service, in the same order.
    const [csv] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Unduh CSV', exact: true }).click()]);
    expect(csv.suggestedFilename()).toBe(`jejak-audit-usulan-${proposalId.slice(0, 8)}.csv`);
    const exported = readFileSync((await csv.path())!, 'utf8');
    const lineOf = (service: string, username: string, action: string) =>
      exported
        .split('\n')
        .findIndex((line) => line.startsWith(`${service},`) && line.includes(`,${username},`) && line.includes(`,${action},`));
    const lines = [
      lineOf('proposals', BKM, 'proposal.submitted'),
      ...CHAIN.map((official) => lineOf('approvals', official, 'approval-stage.decided')),
      lineOf('disbursements', 'bpkad', 'tranche.prepared'),
      lineOf('disbursements', 'bpkad.kuasa-bud', 'tranche.released'),
    ];
    expect(lines.every((line) => line > 0)).toBe(true);
    expect([...lines].sort((a, b) => a - b)).toEqual(lines);
    expect(exported.split('\n')[0]).toMatch(/^\uFEFF?layanan,/);

    // Back to the proposal's page from its trail.
    await admin.getByTestId('audited-proposal').getByRole('link', { name: TITLE }).click();
    await admin.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    await admin.close();
  });

  it('leads from a record about the proposal in one service’s trail to the proposal’s whole trail', async () => {
    const admin = await browser.newPage(DESKTOP);
    await logIn(admin, system.url, 'admin');
    await admin.goto(`${system.url}/admin/jejak-audit`);
    const filters = admin.getByRole('search', { name: 'Saringan jejak audit' });
    await filters.getByLabel('ID objek').fill(proposalId);
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    const submitted = admin.locator('[data-testid="audit-row"][data-action="proposal.submitted"]');
    await submitted.getByRole('link', { name: 'Jejak audit usulan', exact: true }).click();
    await admin.getByRole('heading', { name: 'Jejak audit usulan', level: 1 }).waitFor();
    await admin.locator('[data-testid="audit-row"][data-action="tranche.released"]').waitFor();
    expect(new URL(admin.url()).pathname).toBe(trailPath());
    await admin.close();
  });

  it('narrows one service’s trail to the proposal, its tranche’s records included, and says the gateway keeps none', async () => {
    const admin = await browser.newPage(DESKTOP);
    await logIn(admin, system.url, 'admin');
    await admin.goto(`${system.url}/admin/jejak-audit`);
    const filters = admin.getByRole('search', { name: 'Saringan jejak audit' });
    await filters.getByLabel('Layanan').selectOption({ label: SERVICE.disbursements });
    await filters.getByLabel('ID usulan').fill(proposalId);
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    await admin.locator('[data-testid="audit-row"][data-action="tranche.prepared"]').waitFor();
    // Newest first, as this page lists: the release, the SPM, the money committed when the Bupati approved.
    expect((await rowsOf(admin)).map((row) => row.action)).toEqual([
      'tranche.released',
      'tranche.prepared',
      'disbursement.budget-committed',
    ]);

    await filters.getByLabel('Layanan').selectOption({ label: 'Akun pengguna dan akses' });
    await filters.getByRole('button', { name: 'Tampilkan' }).click();
    await admin.getByRole('alert').getByText('ID usulan').waitFor();
    await admin.locator('#audit-proposal[aria-invalid="true"]').waitFor();
    await admin.close();
  });

  it('shows the trail to no one but an administrator', async () => {
    const bkm = await browser.newPage(DESKTOP);
    await logIn(bkm, system.url, BKM);
    await bkm.goto(`${system.url}/usulan/${proposalId}`);
    await bkm.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await bkm.getByRole('link', { name: 'Jejak audit usulan ini' }).count()).toBe(0);
    await bkm.goto(`${system.url}${trailPath()}`);
    await bkm.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
    expect(await bkm.getByTestId('audit-row').count()).toBe(0);
    // Nor does the API give it to them.
    const refused = await fetch(`${system.url}/api/v1/audit/proposals/${proposalId}`, {
      headers: { authorization: `Bearer ${(await as(BKM)).token}` },
    });
    expect(refused.status).toBe(403);
    await bkm.close();
  });

  it('fits a phone’s width, and reads in English when switched', async () => {
    const phone = await browser.newPage(PHONE);
    await logIn(phone, system.url, 'admin');
    await phone.goto(`${system.url}${trailPath()}`);
    await phone.locator('[data-testid="audit-row"][data-action="tranche.released"]').waitFor();
    // Nothing runs out of the page sideways: the rows are cards, long ids and JSON wrap.
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    // Nor out of the records' card: a changed field's value, such as the budget lines as JSON, wraps within it.
    const records = phone.getByTestId('audit-records').locator('xpath=..');
    expect(await records.evaluate((card) => card.scrollWidth - card.clientWidth)).toBe(0);
    await checkPage(phone, 'proposal-audit-02-trail-phone');

    await phone.getByRole('button', { name: 'EN' }).click();
    await phone.getByRole('heading', { name: 'Proposal audit trail', level: 1 }).waitFor();
    await phone
      .locator('[data-testid="audit-row"][data-action="tranche.released"]')
      .getByText('Budget ceilings, releases and progress reports', { exact: true })
      .waitFor();
    await phone.getByRole('link', { name: 'Download CSV', exact: true }).waitFor();
    await phone.close();
  });

  // Last: it stops a service.
  it('says plainly which service did not answer, shows what the others recorded, and gives no CSV that would miss records', async () => {
    await system.stop('approvals');
    const admin = await browser.newPage(DESKTOP);
    await logIn(admin, system.url, 'admin');
    await admin.goto(`${system.url}${trailPath()}`);
    await admin
      .getByTestId('trail-unavailable')
      .getByText(
        `Catatan layanan “${SERVICE.approvals}” tidak dapat dimuat saat ini: layanan itu tidak menjawab. Jejak di bawah ini tidak lengkap.`,
      )
      .waitFor();
    await admin.locator('[data-testid="audit-row"][data-action="tranche.released"]').waitFor();
    expect(await admin.locator('[data-testid="audit-row"][data-action="approval-stage.decided"]').count()).toBe(0);
    await checkPage(admin, 'proposal-audit-03-service-down-desktop');
    await admin.getByRole('link', { name: 'Unduh CSV', exact: true }).click();
    await admin.getByRole('alert').getByText('Layanan sedang tidak tersedia. Coba lagi nanti.').waitFor();
    await admin.close();
  });
});
