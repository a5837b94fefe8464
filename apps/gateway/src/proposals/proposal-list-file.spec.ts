import { ProposalSummaryView } from '@alur/contracts';
import { spreadsheetSheets } from '@alur/testing';
import { proposalListCsv, proposalListFileName, proposalListXlsx } from './proposal-list-file';

const summary: ProposalSummaryView = {
  id: '0b7f4c1e-6a57-4c8e-9d43-5a1f2b3c4d5e',
  programCode: 'KOTAKU-2026',
  programVersion: 1,
  villageCode: '14.03.09.1004',
  districtCode: '14.03.09',
  regencyCode: '14.03',
  title: 'Drainase, tahap "dua"',
  category: 'INFRASTRUCTURE',
  executorGroup: 'KSM Sinar Pramuka',
  beneficiaries: { households: 120, poorHouseholds: 45 },
  budgetTotal: 150_000_000,
  selfHelpAmount: 15_000_000,
  requestedAmount: 135_000_000,
  selfHelpShareBp: 1000,
  status: 'IN_REVIEW',
  version: 3,
  submissionNumber: 1,
  currentStage: null,
  createdAt: '2026-03-01T01:00:00.000Z',
  updatedAt: '2026-03-02T02:30:00.000Z',
  submittedAt: '2026-03-02T02:00:00.000Z',
};

describe('proposalListCsv', () => {
  it('writes a line per proposal: names beside codes, whole rupiah as plain integers, times as the API gives them', () => {
    const csv = proposalListCsv([
      { ...summary, villageName: 'Balik Alam', districtName: 'Mandau' },
      {
        ...summary,
        id: 'x',
        title: '=SUM(A1)',
        category: null,
        executorGroup: null,
        beneficiaries: null,
        submittedAt: null,
        villageName: null,
        districtName: null,
      },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'id,judul,status,desa_kelurahan,kode_desa,kecamatan,program,kategori,ksm_pelaksana,kk_penerima,kk_miskin,total_rab,swadaya,dana_diminta,diajukan_pada,diubah_pada',
      `${summary.id},"Drainase, tahap ""dua""",IN_REVIEW,Balik Alam,14.03.09.1004,Mandau,KOTAKU-2026,INFRASTRUCTURE,KSM Sinar Pramuka,120,45,150000000,15000000,135000000,2026-03-02T02:00:00.000Z,2026-03-02T02:30:00.000Z`,
      // A draft never submitted, in a village the directory does not know; a formula is defused for spreadsheets.
      `x,'=SUM(A1),IN_REVIEW,,14.03.09.1004,,KOTAKU-2026,,,,,150000000,15000000,135000000,,2026-03-02T02:30:00.000Z`,
      '',
    ]);
  });

  it('writes the same proposals as a spreadsheet: worded headers, amounts and households as numbers, times in WIB', async () => {
    const file = await proposalListXlsx([{ ...summary, villageName: 'Balik Alam', districtName: 'Mandau' }], {
      filters: { status: 'IN_REVIEW' },
      madeAt: new Date('2026-03-03T00:00:00Z'),
      madeBy: 'inspektorat',
      timeZone: 'Asia/Jakarta',
    });
    const [{ sheet, header, records }] = await spreadsheetSheets(file);
    expect(sheet).toBe('Daftar usulan');
    expect(header).toHaveLength(16);
    expect(records).toEqual([
      {
        'ID usulan': summary.id,
        Judul: 'Drainase, tahap "dua"',
        Status: 'Dalam penilaian',
        'Desa/kelurahan': 'Balik Alam',
        'Kode desa': '14.03.09.1004',
        Kecamatan: 'Mandau',
        Program: 'KOTAKU-2026',
        Kategori: 'INFRASTRUCTURE',
        'KSM pelaksana': 'KSM Sinar Pramuka',
        'KK penerima': 120,
        'KK miskin': 45,
        'Total RAB (Rp)': 150_000_000,
        'Swadaya (Rp)': 15_000_000,
        'Dana diminta (Rp)': 135_000_000,
        // 02:00 and 02:30 UTC are 09:00 and 09:30 in Bengkalis.
        'Diajukan pada (WIB)': new Date('2026-03-02T09:00:00.000Z'),
        'Diubah pada (WIB)': new Date('2026-03-02T09:30:00.000Z'),
      },
    ]);
  });

  it('names the file after the day in the regency’s time zone', () => {
    // 20:00 UTC on 31 December is already 1 January in Bengkalis (WIB, UTC+7).
    expect(proposalListFileName(new Date('2026-12-31T20:00:00Z'), 'Asia/Jakarta', 'csv')).toBe('daftar-usulan-2027-01-01.csv');
    expect(proposalListFileName(new Date('2026-12-31T20:00:00Z'), 'UTC', 'csv')).toBe('daftar-usulan-2026-12-31.csv');
    expect(proposalListFileName(new Date('2026-12-31T20:00:00Z'), 'Asia/Jakarta', 'xlsx')).toBe('daftar-usulan-2027-01-01.xlsx');
  });
});
