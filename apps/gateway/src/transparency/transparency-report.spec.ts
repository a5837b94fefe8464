import { transparencyCsv } from './transparency-file';
import { transparencyReport } from './transparency-report';
import { FundsReportItem } from '@alur/contracts';
import { transparencyPage } from './transparency-page';
import { publicProgress } from './public-progress';

const item = (overrides: Partial<FundsReportItem>): FundsReportItem => ({
  proposalId: 'p',
  title: 'Semenisasi jalan',
  programCode: 'KOTAKU-2026',
  programmeName: 'KOTAKU (Kota Tanpa Kumuh) 2026',
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
const names: Record<string, string> = {
  '14.03.09': 'Mandau',
  '14.03.09.1004': 'Balik Alam',
  '14.03.09.1005': 'Air Jamban',
  '14.03.13': 'Pinggir',
  '14.03.13.2001': 'Desa X',
};
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
      'kode_kecamatan,kecamatan,kode_desa_kelurahan,desa_kelurahan,judul_usulan,program,nama_program,tahun_anggaran,disetujui_rp,dikomitmenkan_rp,dicairkan_rp,progres_fisik_persen,status,kode_status',
    );
    expect(lines[1]).toBe(
      '14.03.09,Mandau,14.03.09.1004,Balik Alam,"Jalan ""Damai"", RT 03",KOTAKU-2026,KOTAKU (Kota Tanpa Kumuh) 2026,2026,100,100,40,40,Pencairan berjalan,FUNDING',
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('writes every status in words, followed by its code', () => {
    const csv = transparencyCsv(
      transparencyReport([item({ status: 'AWAITING_BUDGET' }), item({ status: 'COMPLETED', proposalId: 'p-2' })], nameOf),
    );
    const statuses = csv
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',').slice(-2).join(','));
    expect(statuses).toEqual(['Menunggu anggaran,AWAITING_BUDGET', 'Selesai,COMPLETED']);
  });
});

const villagesOf = (district: string) =>
  Object.entries(names)
    .filter(([code]) => code.startsWith(`${district}.`))
    .map(([code, name]) => ({ code, name }));

const ITEMS = [
  item({ proposalId: 'a', title: 'Drainase Gang Damai' }),
  item({ proposalId: 'b', title: 'Semenisasi jalan RT 03' }),
  item({ proposalId: 'c', title: 'Sumur bor', districtCode: '14.03.13', villageCode: '14.03.13.2001', amount: 7, released: 0 }),
];
const titles = (page: ReturnType<typeof transparencyPage>) =>
  page.districts.flatMap((d) => d.villages.flatMap((v) => v.items.map((i) => i.title)));

describe('transparencyPage', () => {
  it('searches titles and village names regardless of case', () => {
    expect(titles(transparencyPage(ITEMS, { q: 'DAMAI', page: 1, pageSize: 20 }, nameOf, villagesOf))).toEqual(['Drainase Gang Damai']);
    expect(titles(transparencyPage(ITEMS, { q: 'desa x', page: 1, pageSize: 20 }, nameOf, villagesOf))).toEqual(['Sumur bor']);
  });

  it('filters by kecamatan or village and totals what matched', () => {
    const pinggir = transparencyPage(ITEMS, { regionCode: '14.03.13', page: 1, pageSize: 20 }, nameOf, villagesOf);
    expect(titles(pinggir)).toEqual(['Sumur bor']);
    expect(pinggir.totals).toMatchObject({ proposals: 1, amount: 7 });
    expect(titles(transparencyPage(ITEMS, { regionCode: '14.03.09.1004', page: 1, pageSize: 20 }, nameOf, villagesOf))).toHaveLength(2);
  });

  it('pages by number, with the total over all pages', () => {
    const second = transparencyPage(ITEMS, { page: 2, pageSize: 2 }, nameOf, villagesOf);
    expect(titles(second)).toEqual(['Sumur bor']);
    expect(second).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(second.totals.proposals).toBe(3);
  });

  it('places every kecamatan seat of the regency, with its funded proposals', () => {
    const seatsOf = (regency: string) =>
      regency === '14.03'
        ? [
            { code: '14.03.09', name: 'Mandau', place: 'Duri', latitude: 1.2667, longitude: 101.2 },
            { code: '14.03.01', name: 'Bengkalis', place: 'Bengkalis', latitude: 1.4897, longitude: 102.0797 },
          ]
        : [];
    const { seats } = transparencyPage(ITEMS, { q: 'sumur', page: 1, pageSize: 20 }, nameOf, villagesOf, seatsOf);
    expect(seats.map((s) => [s.place, s.proposals])).toEqual([
      ['Duri', 2],
      ['Bengkalis', 0],
    ]);
  });

  it('maps every village of a kecamatan with funded proposals, whatever the filter', () => {
    const { map } = transparencyPage(ITEMS, { q: 'nothing matches this', page: 1, pageSize: 20 }, nameOf, villagesOf);
    expect(map.map((d) => d.name)).toEqual(['Mandau', 'Pinggir']);
    expect(map[0].villages).toEqual([
      { code: '14.03.09.1004', name: 'Balik Alam', proposals: 2, amount: 200, released: 80 },
      { code: '14.03.09.1005', name: 'Air Jamban', proposals: 0, amount: 0, released: 0 },
    ]);
  });
});

describe('publicProgress', () => {
  it('gives uploaded photos their public address and leaves https photos as they are', () => {
    const id = '0b9f6c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d';
    const { items } = publicProgress([
      {
        physicalProgressPercent: 40,
        note: 'n',
        reportedAt: 'r',
        verifiedAt: 'v',
        final: false,
        photos: [{ url: `/api/v1/uploads/photos/${id}` }, { url: 'https://example.org/a.jpg' }],
      },
    ]);
    expect(items[0].photos.map((p) => p.url)).toEqual([`/api/v1/public/transparency/photos/${id}`, 'https://example.org/a.jpg']);
  });
});
