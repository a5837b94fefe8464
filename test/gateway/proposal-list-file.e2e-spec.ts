import { RegionDirectory } from '@alur/regions';
import { createTestIsolation, csvRecords, expectEventually, removeTestResources, spreadsheetSheets } from '@alur/testing';
import { DEMO_BK_DESA, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { BALIK_ALAM, kotakuDraft, MANDAU, OTHER_MANDAU_VILLAGE, PINGGIR } from '../proposals/proposal-fixtures';
import { ApiCall, callApiAs, RunningSystem, startSystem } from '../web/console-harness';

const regions = RegionDirectory.shared();
const PINGGIR_VILLAGE = regions.villagesOf(PINGGIR)[0].code;
const nameOf = (code: string) => regions.get(code)!.name;

/** The file's first line, as a spreadsheet shows its columns. */
const HEADER =
  'id,judul,status,desa_kelurahan,kode_desa,kecamatan,program,kategori,ksm_pelaksana,kk_penerima,kk_miskin,total_rab,swadaya,dana_diminta,diajukan_pada,diubah_pada';

interface Listed {
  id: string;
  title: string;
  status: string;
  requestedAmount: number;
  submittedAt: string | null;
  updatedAt: string;
}

/**
 * Four proposals of two kecamatan, made through the API, each asking another amount (every draft's RAB is
 * Rp 100,000,000; the swadaya differs): two of Balik Alam (one in review, a draft whose title a spreadsheet must
 * read whole), a draft of another village of Mandau, one of Pinggir in review.
 */
const IN_REVIEW = { title: 'Drainase Gang Mawar (uji CSV)', selfHelpAmount: 5_000_000 };
const QUOTED = { title: 'Talud "Sungai", RT 04 (uji CSV)', selfHelpAmount: 20_000_000 };
const OTHER_VILLAGE = { title: 'Sumur Bor RT 02 (uji CSV)', selfHelpAmount: 12_345_000, executorGroup: 'KSM Air Bersih Sejahtera' };
const OF_PINGGIR = { title: 'Jalan Setapak Pinggir (uji CSV)', selfHelpAmount: 7_500_000 };

/**
 * Daftar usulan as a file: every proposal the list's filters find within the caller's region, not a page of it, for
 * an inspector's working papers. The refusal beyond PROPOSAL_EXPORT_MAX_ROWS (10,000) is not made here: 10,001 proposals
 * through the API would take this test minutes, and rows written behind the proposals service would skip its
 * invariants (RAB totals, timeline, audit chain). The gateway's paging and refusal are unit-tested at a smaller
 * injected limit instead (apps/gateway/src/http/every-item.spec.ts).
 */
describe('the list of proposals as a CSV file and a spreadsheet', () => {
  const isolation = createTestIsolation();
  let system: RunningSystem;
  let inspector: ApiCall;
  const ids: Record<string, string> = {};

  const csv = (query = '', token = inspector.token) =>
    fetch(`${system.url}/api/v1/proposals/csv${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
  /** The file as saved, its byte order mark kept (a Response's text() drops it). */
  const fileOf = async (answer: Response) => Buffer.from(await answer.arrayBuffer()).toString('utf8');
  const recordsOf = async (query = '', token = inspector.token) => {
    const answer = await csv(query, token);
    expect(answer.status).toBe(200);
    return csvRecords(await fileOf(answer));
  };
  const titlesOf = async (query = '', token = inspector.token) => (await recordsOf(query, token)).map((r) => r.judul).sort();
  const xlsx = (query = '', token = inspector.token) =>
    fetch(`${system.url}/api/v1/proposals/xlsx${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
  const sheetsOf = async (answer: Response) => spreadsheetSheets(Buffer.from(await answer.arrayBuffer()));

  beforeAll(async () => {
    system = await startSystem(isolation);
    inspector = await callApiAs(system.url, 'inspektorat');
    const make = async (village: string, draft: { title: string }, submit: boolean) => {
      const bkm = await callApiAs(system.url, `bkm.${village}`);
      const { id } = await bkm<{ id: string }>('POST', '/proposals', kotakuDraft(village, draft));
      ids[draft.title] = id;
      if (!submit) return;
      await bkm('POST', `/proposals/${id}/submit`, {});
      // In review once the approvals service opened its first stage: nothing changes it after that.
      await expectEventually(async () =>
        expect(await bkm<{ status: string }>('GET', `/proposals/${id}`)).toMatchObject({ status: 'IN_REVIEW' }),
      );
    };
    await make(BALIK_ALAM, IN_REVIEW, true);
    await make(BALIK_ALAM, QUOTED, false);
    await make(OTHER_MANDAU_VILLAGE, OTHER_VILLAGE, false);
    await make(PINGGIR_VILLAGE, OF_PINGGIR, true);
  }, 120_000);

  afterAll(async () => {
    await system?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it('gives the inspector every proposal of the kabupaten, as the list orders them, with names and whole-rupiah amounts', async () => {
    const answer = await csv();
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="daftar-usulan-\d{4}-\d{2}-\d{2}\.csv"$/);
    const text = await fileOf(answer);
    expect(text.startsWith(`\uFEFF${HEADER}\r\n`)).toBe(true);
    const records = csvRecords(text);

    // The same proposals in the same order as the list (newest change first), which the file's own times show.
    const list = await inspector<{ items: Listed[]; total: number }>('GET', '/proposals?pageSize=100');
    expect(list.total).toBe(4);
    expect(records.map((r) => r.id)).toEqual(list.items.map((p) => p.id));
    const changed = records.map((r) => r.diubah_pada);
    expect(changed).toEqual([...changed].sort().reverse());

    const row = (title: string) => records.find((r) => r.id === ids[title]);
    const listed = (title: string) => list.items.find((p) => p.id === ids[title])!;
    expect(row(IN_REVIEW.title)).toEqual({
      id: ids[IN_REVIEW.title],
      judul: IN_REVIEW.title,
      status: 'IN_REVIEW',
      desa_kelurahan: nameOf(BALIK_ALAM),
      kode_desa: BALIK_ALAM,
      kecamatan: nameOf(MANDAU),
      program: DEMO_KOTAKU,
      kategori: 'INFRASTRUCTURE',
      ksm_pelaksana: 'KSM Maju Bersama',
      kk_penerima: '120',
      kk_miskin: '45',
      total_rab: '100000000',
      swadaya: '5000000',
      dana_diminta: '95000000',
      diajukan_pada: listed(IN_REVIEW.title).submittedAt,
      diubah_pada: listed(IN_REVIEW.title).updatedAt,
    });
    // A title with a comma and quotes comes back whole; a draft was never submitted.
    expect(row(QUOTED.title)).toMatchObject({ judul: QUOTED.title, status: 'DRAFT', dana_diminta: '80000000', diajukan_pada: '' });
    expect(row(OTHER_VILLAGE.title)).toMatchObject({
      desa_kelurahan: nameOf(OTHER_MANDAU_VILLAGE),
      kode_desa: OTHER_MANDAU_VILLAGE,
      kecamatan: nameOf(MANDAU),
      ksm_pelaksana: OTHER_VILLAGE.executorGroup,
      swadaya: '12345000',
      dana_diminta: '87655000',
    });
    expect(row(OF_PINGGIR.title)).toMatchObject({
      status: 'IN_REVIEW',
      desa_kelurahan: nameOf(PINGGIR_VILLAGE),
      kecamatan: nameOf(PINGGIR),
      dana_diminta: '92500000',
    });
    // Each amount as the list gives it.
    expect(records.map((r) => Number(r.dana_diminta))).toEqual(list.items.map((p) => p.requestedAmount));
  });

  it('holds only what the list’s filters find: by status, region, text (the executing KSM too) and programme', async () => {
    expect(await titlesOf('status=DRAFT')).toEqual([QUOTED.title, OTHER_VILLAGE.title].sort());
    expect(await titlesOf(`regionCode=${BALIK_ALAM}`)).toEqual([IN_REVIEW.title, QUOTED.title].sort());
    expect(await titlesOf(`regionCode=${MANDAU}&status=IN_REVIEW`)).toEqual([IN_REVIEW.title]);
    expect(await titlesOf(`q=${encodeURIComponent('air bersih')}`)).toEqual([OTHER_VILLAGE.title]);
    expect(await titlesOf(`programCode=${DEMO_KOTAKU}`)).toHaveLength(4);
    // Nothing found: the header alone.
    const none = await csv(`programCode=${DEMO_BK_DESA}`);
    expect(await fileOf(none)).toBe(`\uFEFF${HEADER}\r\n`);
  });

  it('gives each official only their region’s: a Camat their kecamatan’s, a BKM their village’s, nothing of another kecamatan asked by code', async () => {
    const camatPinggir = await callApiAs(system.url, `camat.${PINGGIR}`);
    expect(await titlesOf('', camatPinggir.token)).toEqual([OF_PINGGIR.title]);
    expect(await titlesOf(`regionCode=${MANDAU}`, camatPinggir.token)).toEqual([]);
    const camatMandau = await callApiAs(system.url, `camat.${MANDAU}`);
    expect(await titlesOf('', camatMandau.token)).toEqual([IN_REVIEW.title, QUOTED.title, OTHER_VILLAGE.title].sort());
    const bkm = await callApiAs(system.url, `bkm.${BALIK_ALAM}`);
    expect(await titlesOf('', bkm.token)).toEqual([IN_REVIEW.title, QUOTED.title].sort());
  });

  it('refuses a malformed filter, or a page, with 400 naming the field, and a caller without a token with 401', async () => {
    const fieldsOf = async (query: string) => {
      const answer = await csv(query);
      return [answer.status, ((await answer.json()).errors ?? []).map((e: { field: string }) => e.field)];
    };
    expect(await fieldsOf('status=DIBUANG')).toEqual([400, ['status']]);
    expect(await fieldsOf('regionCode=mandau')).toEqual([400, ['regionCode']]);
    expect(await fieldsOf('page=2')).toEqual([400, ['page']]);
    expect((await fetch(`${system.url}/api/v1/proposals/csv`)).status).toBe(401);
  });

  it('gives the same proposals as a spreadsheet that keeps the filters it was made with and whom it was made for', async () => {
    const answer = await xlsx(`regionCode=${MANDAU}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(answer.headers.get('content-disposition')).toMatch(/^attachment; filename="daftar-usulan-\d{4}-\d{2}-\d{2}\.xlsx"$/);
    const [rows, about] = await sheetsOf(answer);

    // The CSV's proposals, in its order, amounts as numbers a spreadsheet sums.
    const records = await recordsOf(`regionCode=${MANDAU}`);
    expect(rows.sheet).toBe('Daftar usulan');
    expect(rows.records.map((r) => r['ID usulan'])).toEqual(records.map((r) => r.id));
    expect(rows.records.map((r) => r['Dana diminta (Rp)'])).toEqual(records.map((r) => Number(r.dana_diminta)));
    const quoted = rows.records.find((r) => r['ID usulan'] === ids[QUOTED.title]);
    expect(quoted).toMatchObject({ Judul: QUOTED.title, Status: 'Draf', 'Kode desa': BALIK_ALAM, 'Diajukan pada (WIB)': null });
    const inReview = rows.records.find((r) => r['ID usulan'] === ids[IN_REVIEW.title])!;
    expect(inReview['Diajukan pada (WIB)']).toBeInstanceOf(Date);

    expect(about.sheet).toBe('Keterangan');
    const told = Object.fromEntries([about.header, ...about.records.map((r) => Object.values(r))]);
    expect(told).toMatchObject({
      Berkas: 'Daftar usulan',
      'Diunduh oleh': 'inspektorat',
      Saringan: `Wilayah: ${nameOf(MANDAU)} (${MANDAU})`,
      'Jumlah baris': 3,
    });

    // The download is in the gateway's audit trail: who, which file, narrowed how, how many lines.
    const trail = await inspector<{ items: Array<{ entityId: string; actor: { username: string }; after: unknown }> }>(
      'GET',
      `/audit?context=gateway&action=export.downloaded&entityId=${encodeURIComponent('/api/v1/proposals/xlsx')}`,
    );
    expect(trail.items[0]).toMatchObject({ actor: { username: 'inspektorat' }, after: { filters: { regionCode: MANDAU }, rows: 3 } });

    // A Camat of Pinggir gets Pinggir's only; a bad filter 400 naming it; no token 401.
    const camatPinggir = await callApiAs(system.url, `camat.${PINGGIR}`);
    const [ofPinggir] = await sheetsOf(await xlsx('', camatPinggir.token));
    expect(ofPinggir.records.map((r) => r.Judul)).toEqual([OF_PINGGIR.title]);
    const refused = await xlsx('status=DIBUANG');
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.map((e: { field: string }) => e.field)).toEqual(['status']);
    expect((await fetch(`${system.url}/api/v1/proposals/xlsx`)).status).toBe(401);
  });
});
