import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditIntegrityReport } from '@alur/contracts';
import { createTestIsolation, expectEventually } from '@alur/testing';
import { BALIK_ALAM, kotakuDraft } from '../proposals/proposal-fixtures';
import {
  Browser,
  callApiAs,
  checkPage,
  closeConsole,
  logIn,
  openConsole,
  PHONE,
  pastAuditTriggers,
  RunningSystem,
} from './console-harness';

const CODES = ['proposals', 'approvals', 'disbursements', 'notifications', 'gateway'];
const SERVICES = [
  'Usulan dan program',
  'Persetujuan, Plt/Plh dan hari libur',
  'Pagu, pencairan dan laporan kemajuan',
  'Notifikasi dan pengiriman pesan',
  'Akun pengguna dan akses',
];

// A browser step, and the accessibility check of each page, takes seconds on a busy 2-core machine.
jest.setTimeout(180_000);

/**
 * An inspector of the Inspektorat checks, on a phone at the regency's office, that no audit trail was changed: once
 * to keep the result in the working papers, and again later with that file, after someone with the database's keys
 * removed the newest record of one trail.
 */
describe('the audit trails’ integrity in the console, for the inspectorate', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let browser: Browser;

  beforeAll(async () => {
    ({ system, browser } = await openConsole(isolation));
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Sumur bor RT 03' }));
    await bkm('POST', `/proposals/${id}/submit`, {});
    // The approvals service wrote the first stage's opening: no record comes after the inspector's first check.
    await expectEventually(async () => {
      const stages = await bkm<Array<{ status: string }>>('GET', `/approvals/proposals/${id}/stages`);
      expect(stages.map((s) => s.status)).toContain('OPEN');
    });
  });

  afterAll(() => closeConsole(isolation, { system, browser }));

  it('says every trail is intact, keeps the result as a file, and with that file later finds the record removed since', async () => {
    const inspector = await browser.newPage(PHONE);
    await logIn(inspector, system.url, 'inspektorat');
    await inspector.getByRole('navigation').getByRole('link', { name: 'Jejak audit' }).click();
    await inspector.getByRole('link', { name: 'Periksa keutuhan jejak audit' }).click();
    await inspector.getByRole('heading', { name: 'Keutuhan jejak audit', level: 1 }).waitFor();

    await inspector.getByRole('button', { name: 'Periksa sekarang' }).click();
    await inspector
      .getByRole('status')
      .getByText(/^Semua jejak audit utuh \(diperiksa /)
      .waitFor();
    for (const [i, code] of CODES.entries()) {
      const row = await inspector.getByTestId(`integrity-${code}`).innerText();
      expect(row).toContain(SERVICES[i]);
      expect(row).toContain('Utuh');
    }
    await checkPage(inspector, 'audit-integrity-01-sound-phone');

    // The result for the working papers: the API's report, the command line's --json.
    const [download] = await Promise.all([
      inspector.waitForEvent('download'),
      inspector.getByRole('button', { name: 'Unduh hasil (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^jejak-audit-keutuhan-\d{4}-\d{2}-\d{2}\.json$/);
    const keptPath = join(tmpdir(), `${isolation.id}-${download.suggestedFilename()}`);
    await download.saveAs(keptPath);
    const kept = JSON.parse(readFileSync(keptPath, 'utf8')) as AuditIntegrityReport;
    expect(kept.services.map((s) => s.service)).toEqual(CODES);

    // Later, someone with the database's keys removes the approvals trail's newest record, past its triggers.
    const [newest] = [...kept.services.find((s) => s.service === 'approvals')!.heads].sort((a, b) => b.seq - a.seq);
    await pastAuditTriggers(isolation, 'approvals', `DELETE FROM audit_record WHERE chain = ${newest.chain} AND seq = ${newest.seq}`);

    await inspector.reload();
    await inspector.getByLabel('Hasil pemeriksaan sebelumnya (boleh kosong)').setInputFiles(keptPath);
    await inspector.getByRole('button', { name: 'Periksa sekarang' }).click();
    const alert = inspector.getByRole('alert').filter({ hasText: 'Ditemukan masalah' });
    await alert.waitFor();
    expect(await alert.innerText()).toContain('Persetujuan, Plt/Plh dan hari libur');
    expect(await alert.innerText()).not.toContain('Usulan dan program');
    const approvals = inspector.getByTestId('integrity-approvals');
    expect(await approvals.innerText()).toContain(
      `Catatan terbaru HILANG sejak pemeriksaan sebelumnya: catatan #${newest.seq} (rantai ${newest.chain})`,
    );
    expect(await inspector.getByTestId('integrity-proposals').innerText()).toContain('Utuh');
    await inspector.getByText(/^Dibandingkan dengan .*jejak-audit-keutuhan-.*\.json, hasil pemeriksaan /).waitFor();
    await checkPage(inspector, 'audit-integrity-02-head-gone-phone');
    await inspector.close();
  });

  it('says a file that is not an earlier result is not one, and checks nothing against it', async () => {
    const inspector = await browser.newPage(PHONE);
    await logIn(inspector, system.url, 'inspektorat');
    await inspector.goto(`${system.url}/admin/jejak-audit/keutuhan`);
    const notAReport = join(tmpdir(), `${isolation.id}-catatan.json`);
    writeFileSync(notAReport, '{"catatan": "bukan hasil pemeriksaan"}');
    const field = inspector.getByLabel('Hasil pemeriksaan sebelumnya (boleh kosong)');
    await field.setInputFiles(notAReport);
    await inspector.getByText(/bukan hasil pemeriksaan jejak audit: pilih berkas JSON/).waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await inspector.getByRole('button', { name: 'Periksa sekarang' }).isDisabled()).toBe(true);
    await inspector.close();
  });

  it('is no official’s to open', async () => {
    const bupati = await browser.newPage(PHONE);
    await logIn(bupati, system.url, 'bupati');
    await bupati.goto(`${system.url}/admin/jejak-audit/keutuhan`);
    await bupati.getByRole('heading', { name: 'Halaman tidak ditemukan' }).waitFor();
    await bupati.close();
  });
});
