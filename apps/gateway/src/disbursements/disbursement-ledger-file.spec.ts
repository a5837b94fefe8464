import { DisbursementView, TrancheView } from '@alur/contracts';
import { spreadsheetSheets } from '@alur/testing';
import { disbursementLedgerCsv, disbursementLedgerFileName, disbursementLedgerXlsx } from './disbursement-ledger-file';

const account = { bankName: 'Bank Riau Kepri Syariah', accountNumber: '0012300456', accountHolder: 'BKM Balik Alam, RT 03' };
const bpkad = { userId: 'u1', username: 'bpkad', displayName: 'PPK-SKPD BPKAD Kabupaten Bengkalis' };
const kuasaBud = { userId: 'u2', username: 'bpkad.kuasa-bud', displayName: 'Kuasa BUD Bengkalis' };

const locked: TrancheView = {
  number: 2,
  shareBp: 3333,
  unlockProgressPercent: 50,
  amount: 31_663_500,
  status: 'LOCKED',
  readyAt: null,
  sp2dNumber: null,
  releasedAt: null,
  spm: null,
  returnedSpm: null,
  authorisedBy: null,
  authorisedAt: null,
};

const released: TrancheView = {
  ...locked,
  number: 1,
  shareBp: 4000,
  unlockProgressPercent: 0,
  amount: 38_000_000,
  status: 'RELEASED',
  readyAt: '2026-04-01T01:00:00.000Z',
  sp2dNumber: '0042/SP2D/LS/BPKAD/2026',
  releasedAt: '2026-04-03T03:00:00.000Z',
  spm: {
    sp2dNumber: '0042/SP2D/LS/BPKAD/2026',
    bankAccount: account,
    accountChangeNote: null,
    preparedBy: bpkad,
    preparedAt: '2026-04-02T02:00:00.000Z',
  },
  authorisedBy: kuasaBud,
  authorisedAt: '2026-04-03T03:00:01.000Z',
};

const disbursement: DisbursementView = {
  id: 'd1',
  proposalId: 'p1',
  title: '=HYPERLINK("x") jalan',
  programCode: 'KOTAKU-2026',
  programVersion: 1,
  fiscalYear: 2026,
  villageCode: '14.03.09.1004',
  villageName: 'Balik Alam',
  districtCode: '14.03.09',
  districtName: 'Mandau',
  regencyCode: '14.03',
  ceilingRegionCode: '14.03',
  amount: 69_663_500,
  released: 38_000_000,
  status: 'FUNDING',
  approvedAt: '2026-03-30T00:00:00.000Z',
  committedAt: '2026-03-30T00:00:01.000Z',
  completedAt: null,
  progressPercent: null,
  payeeAccount: account,
  // Out of order, as the file must not keep them.
  tranches: [locked, released],
};

describe('disbursementLedgerCsv', () => {
  it('writes a line per tranche by number: the SPM’s preparer and the SP2D’s authoriser by name, its account, whole rupiah, a formula defused', () => {
    const csv = disbursementLedgerCsv([disbursement, { ...disbursement, id: 'd2', tranches: [] }]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'id_pencairan,id_usulan,judul,desa_kelurahan,kecamatan,program,tahun_anggaran,termin,persen,nilai_termin,status_termin,siap_pada,spm_disiapkan_oleh,spm_disiapkan_pada,nomor_sp2d,bank,nomor_rekening,pemilik_rekening,sp2d_diotorisasi_oleh,dicairkan_pada',
      `d1,p1,"'=HYPERLINK(""x"") jalan",Balik Alam,Mandau,KOTAKU-2026,2026,1,40,38000000,RELEASED,2026-04-01T01:00:00.000Z,PPK-SKPD BPKAD Kabupaten Bengkalis (bpkad),2026-04-02T02:00:00.000Z,0042/SP2D/LS/BPKAD/2026,Bank Riau Kepri Syariah,0012300456,"BKM Balik Alam, RT 03",Kuasa BUD Bengkalis (bpkad.kuasa-bud),2026-04-03T03:00:00.000Z`,
      // Locked: no SPM, so no number, account nor officials; a share of a third as 33.33 percent.
      `d1,p1,"'=HYPERLINK(""x"") jalan",Balik Alam,Mandau,KOTAKU-2026,2026,2,33.33,31663500,LOCKED,,,,,,,,,`,
      '',
    ]);
  });

  it('names an official the gateway could not name by username alone', () => {
    const unnamed = { ...released, spm: { ...released.spm!, preparedBy: { userId: 'u9', username: 'bpkad.lama' } } };
    const [, line] = disbursementLedgerCsv([{ ...disbursement, tranches: [unnamed] }]).split('\r\n');
    expect(line).toContain(',bpkad.lama,');
  });

  it('writes the same tranches as a spreadsheet: the account number as text with its leading zeros, the amount and share as numbers', async () => {
    const file = await disbursementLedgerXlsx([disbursement], {
      filters: {},
      madeAt: new Date('2026-04-04T00:00:00Z'),
      madeBy: 'bpkad',
      timeZone: 'Asia/Jakarta',
    });
    const [{ sheet, header, records }] = await spreadsheetSheets(file);
    expect(sheet).toBe('Rincian pencairan');
    expect(header).toHaveLength(20);
    const [released, locked] = records;
    expect(released).toMatchObject({
      Judul: '=HYPERLINK("x") jalan',
      'Tahun anggaran': 2026,
      Termin: 1,
      'Nilai termin (Rp)': 38_000_000,
      'Nomor rekening': '0012300456',
      'SP2D diotorisasi oleh': 'Kuasa BUD Bengkalis (bpkad.kuasa-bud)',
      // 03:00 UTC is 10:00 in Bengkalis.
      'Dicairkan pada (WIB)': new Date('2026-04-03T10:00:00.000Z'),
    });
    expect(locked).toMatchObject({ Termin: 2, Persen: 33.33, 'Nomor rekening': null, 'Dicairkan pada (WIB)': null });
  });

  it('names the file after the day in the regency’s time zone', () => {
    expect(disbursementLedgerFileName(new Date('2026-12-31T20:00:00Z'), 'Asia/Jakarta', 'csv')).toBe('pencairan-2027-01-01.csv');
    expect(disbursementLedgerFileName(new Date('2026-12-31T20:00:00Z'), 'Asia/Jakarta', 'xlsx')).toBe('pencairan-2027-01-01.xlsx');
  });
});
