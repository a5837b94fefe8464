import { transparencyCsv } from './transparency-csv';
import { transparencyReport } from './transparency-report';
import { FundsReportItem } from '@alur/contracts';

const item = (overrides: Partial<FundsReportItem>): FundsReportItem => ({
  proposalId: 'p',
  title: 'Semenisasi jalan',
  programCode: 'KOTAKU-2026',
  fiscalYear: 2026,
  villageCode: '14.03.09.1004',
  districtCode: '14.03.09',
  regencyCode: '14.03',
  amount: 100,
  committed: 100,
  released: 40,
  status: 'FUNDING',
  progressPercent: null,
  approvedAt: '2026-03-02T02:00:00.000Z',
  ...overrides,
});
const names: Record<string, string> = { '14.03.09': 'Mandau', '14.03.09.1004': 'Balik Alam', '14.03.13': 'Pinggir', '14.03.13.2001': 'Desa X' };
const nameOf = (code: string) => names[code] ?? code;

describe('transparencyReport', () => {
  it('adds up amounts per village, per kecamatan and overall, in code order', () => {
    const report = transparencyReport(
      [
        item({ districtCode: '14.03.13', villageCode: '14.03.13.2001', amount: 7, committed: 0, released: 0, status: 'AWAITING_BUDGET' }),
        item({ amount: 1_000_000_001, committed: 1_000_000_001, released: 400_000_000 }),
        item({ amount: 3, committed: 3, released: 3 }),
      ],
      nameOf,
    );
    expect(report.totals).toEqual({ proposals: 3, amount: 1_000_000_011, committed: 1_000_000_004, released: 400_000_003 });
    expect(report.districts.map((d) => [d.name, d.proposals, d.amount, d.committed, d.released])).toEqual([
      ['Mandau', 2, 1_000_000_004, 1_000_000_004, 400_000_003],
      ['Pinggir', 1, 7, 0, 0],
    ]);
    expect(report.districts[0].villages[0]).toMatchObject({ name: 'Balik Alam', proposals: 2 });
    expect(report.districts[0].villages[0].items[0]).not.toHaveProperty('villageCode');
  });
});

describe('transparencyCsv', () => {
  it('writes one line per proposal, quoting commas and quotes and defusing formulas', () => {
    const csv = transparencyCsv(
      transparencyReport([item({ title: 'Jalan "Damai", RT 03', progressPercent: 40 }), item({ title: '=HYPERLINK("x")' })], nameOf),
    );
    expect(csv.startsWith('\uFEFFkode_kecamatan,')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'kode_kecamatan,kecamatan,kode_desa_kelurahan,desa_kelurahan,judul_usulan,program,tahun_anggaran,disetujui_rp,dikomitmenkan_rp,dicairkan_rp,progres_fisik_persen,status,kode_status',
    );
    expect(lines[1]).toBe('14.03.09,Mandau,14.03.09.1004,Balik Alam,"Jalan ""Damai"", RT 03",KOTAKU-2026,2026,100,100,40,40,Pencairan berjalan,FUNDING');
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('writes every status in words, followed by its code', () => {
    const csv = transparencyCsv(transparencyReport([item({ status: 'AWAITING_BUDGET' }), item({ status: 'COMPLETED', proposalId: 'p-2' })], nameOf));
    const statuses = csv.trimEnd().split('\r\n').slice(1).map((line) => line.split(',').slice(-2).join(','));
    expect(statuses).toEqual(['Menunggu anggaran,AWAITING_BUDGET', 'Selesai,COMPLETED']);
  });
});
