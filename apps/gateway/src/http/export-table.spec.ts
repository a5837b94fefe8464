import { spreadsheetSheets } from '@alur/testing';
import { ExportColumn, tableCsv, tableXlsx } from './export-table';
import { PUBLIC_XLSX_MAX_WAITING } from './xlsx-worker';

interface Line {
  title: string;
  account: string | null;
  households: number | null;
  amount: number;
  share: number;
  absorbedBp: number;
  at: string | null;
}

const COLUMNS: ExportColumn<Line>[] = [
  { key: 'judul', title: 'Judul', kind: 'text', value: (l) => l.title },
  { key: 'nomor_rekening', title: 'Nomor rekening', kind: 'text', value: (l) => l.account },
  { key: 'kk_penerima', title: 'KK penerima', kind: 'count', value: (l) => l.households },
  { key: 'nilai', title: 'Nilai (Rp)', kind: 'rupiah', value: (l) => l.amount },
  { key: 'persen', title: 'Persen', kind: 'decimal', value: (l) => l.share },
  { key: 'serapan_bp', title: 'Serapan', kind: 'basisPoints', value: (l) => l.absorbedBp },
  { key: 'dicairkan_pada', title: 'Dicairkan pada', kind: 'instant', value: (l) => l.at },
];

const LINES: Line[] = [
  // 17:30 UTC on 31 December is 00:30 on 1 January in Bengkalis (WIB, UTC+7).
  {
    title: '=HYPERLINK("x")',
    account: '0012300456',
    households: 120,
    amount: 38_000_000,
    share: 33.33,
    absorbedBp: 2500,
    at: '2026-12-31T17:30:00.000Z',
  },
  { title: 'Drainase, tahap "dua"', account: null, households: null, amount: 0, share: 40, absorbedBp: 10_000, at: null },
];

const PROVENANCE = {
  title: 'Rincian pencairan',
  source: 'GET /api/v1/disbursements/xlsx',
  filters: { status: 'FUNDING', fiscalYear: 2026, programCode: undefined, regionCode: '14.03.09', unknownFilter: 'x' },
  regions: { get: (code: string) => (code === '14.03.09' ? { name: 'Mandau' } : undefined) },
  madeAt: new Date('2026-12-06T08:05:00.000Z'),
  madeBy: 'inspektorat',
  timeZone: 'Asia/Jakarta',
};

describe('an exported table', () => {
  it('as CSV: the keys as header, values as the API gives them, a formula defused', () => {
    expect(tableCsv(COLUMNS, LINES).split('\r\n')).toEqual([
      '\uFEFFjudul,nomor_rekening,kk_penerima,nilai,persen,serapan_bp,dicairkan_pada',
      `"'=HYPERLINK(""x"")",0012300456,120,38000000,33.33,2500,2026-12-31T17:30:00.000Z`,
      '"Drainase, tahap ""dua""",,,0,40,10000,',
      '',
    ]);
  });

  it('as a spreadsheet: typed cells under worded headers, the regency’s wall clock, and a sheet saying what the file is', async () => {
    const file = await tableXlsx(COLUMNS, LINES, PROVENANCE);
    const [rows, about] = await spreadsheetSheets(file);

    expect(rows.sheet).toBe('Rincian pencairan');
    expect(rows.header).toEqual(['Judul', 'Nomor rekening', 'KK penerima', 'Nilai (Rp)', 'Persen', 'Serapan', 'Dicairkan pada (WIB)']);
    expect(rows.records).toEqual([
      // The account is text, its leading zeros kept; the "formula" is text too, never run; the time is WIB's.
      {
        Judul: '=HYPERLINK("x")',
        'Nomor rekening': '0012300456',
        'KK penerima': 120,
        'Nilai (Rp)': 38_000_000,
        Persen: 33.33,
        // Basis points as the share they are, which Excel shows as 25,00%.
        Serapan: 0.25,
        'Dicairkan pada (WIB)': new Date('2027-01-01T00:30:00.000Z'),
      },
      {
        Judul: 'Drainase, tahap "dua"',
        'Nomor rekening': null,
        'KK penerima': null,
        'Nilai (Rp)': 0,
        Persen: 40,
        Serapan: 1,
        'Dicairkan pada (WIB)': null,
      },
    ]);

    expect(about.sheet).toBe('Keterangan');
    expect([about.header, ...about.records.map((record) => Object.values(record))]).toEqual([
      ['Berkas', 'Rincian pencairan'],
      ['Diunduh pada', new Date('2026-12-06T15:05:00.000Z')],
      ['Diunduh oleh', 'inspektorat'],
      ['Saringan', 'Status: Pencairan berjalan; Tahun anggaran: 2026; Wilayah: Mandau (14.03.09); unknownFilter=x'],
      ['Jumlah baris', 2],
      ['Zona waktu', 'WIB (Asia/Jakarta)'],
      ['Sumber', 'Alur, GET /api/v1/disbursements/xlsx'],
    ]);
  });

  it('says when nothing narrowed the file, for whom only when made for someone logged in, and names another zone by its own name', async () => {
    const file = await tableXlsx(COLUMNS, [], { ...PROVENANCE, filters: {}, madeBy: null, timeZone: 'Asia/Makassar' });
    const [rows, about] = await spreadsheetSheets(file);
    expect(rows.header).toEqual(['Judul', 'Nomor rekening', 'KK penerima', 'Nilai (Rp)', 'Persen', 'Serapan', 'Dicairkan pada (WITA)']);
    expect(rows.records).toEqual([]);
    expect(about.records).toContainEqual({ Berkas: 'Saringan', 'Rincian pencairan': 'tidak ada' });
    expect(about.records).toContainEqual({ Berkas: 'Jumlah baris', 'Rincian pencairan': 0 });
    expect(about.records.map((r) => r.Berkas)).not.toContain('Diunduh oleh');
  });

  it('writes two files asked for at once, each whole, one after the other', async () => {
    const [first, second] = await Promise.all([
      tableXlsx(COLUMNS, LINES.slice(0, 1), PROVENANCE),
      tableXlsx(COLUMNS, LINES.slice(1), { ...PROVENANCE, title: 'Daftar usulan' }),
    ]);
    expect((await spreadsheetSheets(first))[0].records.map((r) => r.Judul)).toEqual(['=HYPERLINK("x")']);
    const [rows] = await spreadsheetSheets(second);
    expect([rows.sheet, rows.records.map((r) => r.Judul)]).toEqual(['Daftar usulan', ['Drainase, tahap "dua"']]);
  });

  it('gives an official their file while the public report’s wait in their own line, and turns the public away past eight waiting', async () => {
    const forAnyone = { ...PROVENANCE, title: 'Transparansi', madeBy: null };
    // The public's files are long (2,000 lines), the official's short: in one line, the official's would come last.
    const longReport = Array.from({ length: 1_000 }, () => LINES).flat();
    const publicFiles = Array.from({ length: PUBLIC_XLSX_MAX_WAITING }, () => tableXlsx(COLUMNS, longReport, forAnyone));
    let lastPublicWritten = false;
    void publicFiles.at(-1)!.then(() => (lastPublicWritten = true));
    await expect(tableXlsx(COLUMNS, LINES, forAnyone)).rejects.toMatchObject({
      status: 503,
      response: { message: expect.stringContaining('try again in a minute'), retryAfterSeconds: 60 },
    });

    const official = await tableXlsx(COLUMNS, LINES, PROVENANCE);
    expect(lastPublicWritten).toBe(false);
    expect((await spreadsheetSheets(official))[0].records).toHaveLength(2);

    for (const file of await Promise.all(publicFiles)) {
      const [rows, about] = await spreadsheetSheets(file);
      expect([rows.sheet, rows.records.length]).toEqual(['Transparansi', 2_000]);
      expect(about.records.map((r) => r.Berkas)).not.toContain('Diunduh oleh');
    }
    // Once the line has gone down, the public is served again.
    expect((await spreadsheetSheets(await tableXlsx(COLUMNS, LINES, forAnyone)))[0].records).toHaveLength(2);
  });
});
