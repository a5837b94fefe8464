import type { DisbursementStatus } from '@alur/contracts';
import { csvWithBom } from '../http/csv';
import { TransparencyReport } from './transparency-report';

/** The public reads statuses in words; the code follows for those who sort or filter by it. */
const STATUS_WORDS: Record<DisbursementStatus, string> = {
  AWAITING_BUDGET: 'Menunggu anggaran',
  FUNDING: 'Pencairan berjalan',
  COMPLETED: 'Selesai',
  WITHDRAWN: 'Ditarik',
};

const HEADER = [
  'kode_kecamatan',
  'kecamatan',
  'kode_desa_kelurahan',
  'desa_kelurahan',
  'judul_usulan',
  'program',
  'nama_program',
  'tahun_anggaran',
  'disetujui_rp',
  'dikomitmenkan_rp',
  'dicairkan_rp',
  'progres_fisik_persen',
  'status',
  'kode_status',
];

/** The transparency report as UTF-8 CSV with a BOM, one line per approved proposal, rupiah as plain integers. */
export function transparencyCsv(report: TransparencyReport): string {
  return csvWithBom(
    HEADER,
    report.districts.flatMap((district) =>
      district.villages.flatMap((village) =>
        village.items.map((p) => [
          district.code,
          district.name,
          village.code,
          village.name,
          p.title,
          p.programCode,
          p.programmeName,
          p.fiscalYear,
          p.amount,
          p.committed,
          p.released,
          p.progressPercent,
          STATUS_WORDS[p.status] ?? p.status,
          p.status,
        ]),
      ),
    ),
  );
}
