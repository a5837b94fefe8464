import { createTestIsolation, csvRecords, removeTestResources, spreadsheetSheets } from '@alur/testing';
import { BALIK_ALAM, BKM_ACCOUNT, kotakuDraft, MANDAU, OTHER_MANDAU_VILLAGE } from '../proposals/proposal-fixtures';
import { approveByChain, callApiAs, firstTrancheReady, releaseTranche, RunningSystem, startSystem } from '../web/console-harness';

const CHAIN = [`lurah.${BALIK_ALAM}`, `camat.${MANDAU}`, 'dinas', 'sekda', 'bupati'];
const SP2D = '0077/SP2D/LS/BPKAD/2026';

const HEADER =
  'id_pencairan,id_usulan,judul,desa_kelurahan,kecamatan,program,tahun_anggaran,termin,persen,nilai_termin,status_termin,siap_pada,spm_disiapkan_oleh,spm_disiapkan_pada,nomor_sp2d,bank,nomor_rekening,pemilik_rekening,sp2d_diotorisasi_oleh,dicairkan_pada';

interface Official {
  username: string;
  displayName?: string;
}
interface Listed {
  id: string;
  amount: number;
  tranches: Array<{ number: number; amount: number; spm: { preparedBy: Official } | null; authorisedBy: Official | null }>;
}

const named = (official: Official) => `${official.displayName} (${official.username})`;

/**
 * The inspectorate follows the money: every tranche (termin) of every disbursement of the kabupaten as a line of one
 * file, with the SP2D number, the account paid into, and who prepared and who authorised the SPM. The refusal beyond
 * DISBURSEMENT_EXPORT_MAX_ROWS is unit-tested at a smaller limit (apps/gateway/src/http/every-item.spec.ts).
 */
describe('the disbursements’ tranches as a CSV file and a spreadsheet', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let proposalId: string;
  let disbursementId: string;

  const csv = (query: string, token: string) =>
    fetch(`${system.url}/api/v1/disbursements/csv${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
  /** The file as saved, its byte order mark kept (a Response's text() drops it). */
  const fileOf = async (answer: Response) => Buffer.from(await answer.arrayBuffer()).toString('utf8');

  beforeAll(async () => {
    system = await startSystem(isolation);
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    ({ id: proposalId } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(BALIK_ALAM, { title: 'Jalan setapak RT 02' })));
    await bkm('POST', `/proposals/${proposalId}/submit`, {});
    await approveByChain(system.url, proposalId, CHAIN);
    disbursementId = await firstTrancheReady(system.url, proposalId);
    await releaseTranche(system.url, disbursementId, 1, { sp2dNumber: SP2D, bankAccount: BKM_ACCOUNT });
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('gives the inspectorate a line per tranche: the released one with its SP2D, account and officials by name, the others without', async () => {
    const inspector = await callApiAs(system.url, 'inspektorat');
    const answer = await csv('', inspector.token);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="pencairan-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await fileOf(answer);
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const records = csvRecords(text);

    const { items } = await inspector<{ items: Listed[] }>('GET', `/disbursements?proposalId=${proposalId}`);
    const [listed] = items;
    // The demo KOTAKU plan: three tranches of 40, 30 and 30 percent.
    expect(records.map((r) => [r.id_pencairan, r.id_usulan, r.termin, r.persen])).toEqual([
      [disbursementId, proposalId, '1', '40'],
      [disbursementId, proposalId, '2', '30'],
      [disbursementId, proposalId, '3', '30'],
    ]);
    expect(records.reduce((sum, r) => sum + Number(r.nilai_termin), 0)).toBe(listed.amount);
    expect(records.map((r) => Number(r.nilai_termin))).toEqual(listed.tranches.map((t) => t.amount));

    const first = listed.tranches.find((t) => t.number === 1)!;
    expect(first.spm!.preparedBy.displayName).toBeTruthy();
    expect(records[0]).toMatchObject({
      judul: 'Jalan setapak RT 02',
      status_termin: 'RELEASED',
      spm_disiapkan_oleh: named(first.spm!.preparedBy),
      nomor_sp2d: SP2D,
      bank: BKM_ACCOUNT.bankName,
      nomor_rekening: BKM_ACCOUNT.accountNumber,
      pemilik_rekening: BKM_ACCOUNT.accountHolder,
      sp2d_diotorisasi_oleh: named(first.authorisedBy!),
    });
    expect(records[0].spm_disiapkan_oleh).toContain('(bpkad)');
    expect(records[0].sp2d_diotorisasi_oleh).toContain('(bpkad.kuasa-bud)');
    expect(records[0].dicairkan_pada).not.toBe('');
    for (const later of records.slice(1)) {
      expect(later).toMatchObject({
        status_termin: 'LOCKED',
        spm_disiapkan_oleh: '',
        nomor_sp2d: '',
        bank: '',
        nomor_rekening: '',
        pemilik_rekening: '',
        sp2d_diotorisasi_oleh: '',
        dicairkan_pada: '',
      });
    }
  });

  it('gives a BKM of another village a file with no lines, and refuses a page with 400', async () => {
    const other = await callApiAs(system.url, `bkm.${OTHER_MANDAU_VILLAGE}`);
    const answer = await csv('', other.token);
    expect(answer.status).toBe(200);
    expect(await fileOf(answer)).toBe(`\uFEFF${HEADER}\r\n`);

    const inspector = await callApiAs(system.url, 'inspektorat');
    for (const query of ['page=2', 'pageSize=10', 'limit=10']) {
      const refused = await csv(query, inspector.token);
      expect(refused.status).toBe(400);
    }
    expect((await fetch(`${system.url}/api/v1/disbursements/csv`)).status).toBe(401);
  });

  it('gives the same tranches as a spreadsheet: the account number as text, amounts as numbers, times in WIB', async () => {
    const inspector = await callApiAs(system.url, 'inspektorat');
    const answer = await fetch(`${system.url}/api/v1/disbursements/xlsx?proposalId=${proposalId}`, {
      headers: { authorization: `Bearer ${inspector.token}` },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="pencairan-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const [rows, about] = await spreadsheetSheets(Buffer.from(await answer.arrayBuffer()));

    const records = csvRecords(await fileOf(await csv(`proposalId=${proposalId}`, inspector.token)));
    expect(rows.sheet).toBe('Rincian pencairan');
    expect(rows.records.map((r) => [r['ID pencairan'], r.Termin, r['Nilai termin (Rp)']])).toEqual(
      records.map((r) => [r.id_pencairan, Number(r.termin), Number(r.nilai_termin)]),
    );
    const [released, locked] = rows.records;
    expect(released).toMatchObject({
      'Status termin': 'Sudah dicairkan',
      'Nomor SP2D': SP2D,
      'Nomor rekening': BKM_ACCOUNT.accountNumber,
      'Pemilik rekening': BKM_ACCOUNT.accountHolder,
      'Tahun anggaran': 2026,
      Persen: 40,
    });
    // The release's moment on the regency's wall clock (UTC+7), to the whole second a spreadsheet keeps.
    const releasedAt = new Date(records[0].dicairkan_pada);
    const wib = new Date(Math.floor((releasedAt.getTime() + 7 * 3_600_000) / 1_000) * 1_000);
    expect(released['Dicairkan pada (WIB)']).toEqual(wib);
    expect(locked).toMatchObject({ 'Status termin': 'Terkunci', 'Nomor rekening': null, 'Dicairkan pada (WIB)': null });

    const told = Object.fromEntries([about.header, ...about.records.map((r) => Object.values(r))]);
    expect(told).toMatchObject({
      Berkas: 'Rincian pencairan',
      'Diunduh oleh': 'inspektorat',
      Saringan: `Usulan: ${proposalId}`,
      'Jumlah baris': 3,
    });

    // Both downloads, the accounts they disclose among them, are in the gateway's audit trail, newest first.
    const trail = await inspector<{ items: Array<{ entityId: string; actor: { username: string }; after: unknown }> }>(
      'GET',
      '/audit?context=gateway&action=export.downloaded&actor=inspektorat',
    );
    expect(trail.items.slice(0, 2)).toMatchObject([
      { entityId: '/api/v1/disbursements/csv', after: { filters: { proposalId }, rows: 3 } },
      { entityId: '/api/v1/disbursements/xlsx', after: { filters: { proposalId }, rows: 3 } },
    ]);

    expect(
      (await fetch(`${system.url}/api/v1/disbursements/xlsx?page=2`, { headers: { authorization: `Bearer ${inspector.token}` } })).status,
    ).toBe(400);
    expect((await fetch(`${system.url}/api/v1/disbursements/xlsx`)).status).toBe(401);
  });
});
