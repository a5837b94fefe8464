import type { DisbursementStatus } from '@alur/contracts';
import { TransparencyReport } from './transparency-report';

/** The public reads statuses in words; the code follows for those who sort or filter by it. */
const STATUS_WORDS: Record<DisbursementStatus, string> = {
  AWAITING_BUDGET: 'Menunggu anggaran',
  FUNDING: 'Pencairan berjalan',
  COMPLETED: 'Selesai',
  WITHDRAWN: 'Ditarik',
};

/** Spreadsheets (Excel above all) read a file as UTF-8 only when it starts with a byte order mark. */
const UTF8_BOM = '\uFEFF';

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

/** RFC 4180: quote a field when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The transparency report as UTF-8 CSV with a BOM, one line per approved proposal, rupiah as plain integers. */
export function transparencyCsv(report: TransparencyReport): string {
  const lines = [HEADER.join(',')];
  for (const district of report.districts) {
    for (const village of district.villages) {
      for (const p of village.items) {
        lines.push(
          [
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
          ]
            .map(field)
            .join(','),
        );
      }
    }
  }
  return `${UTF8_BOM}${lines.join('\r\n')}\r\n`;
}
