import { TransparencyReport } from './transparency-report';

const HEADER = [
  'kode_kecamatan',
  'kecamatan',
  'kode_desa_kelurahan',
  'desa_kelurahan',
  'judul_usulan',
  'program',
  'tahun_anggaran',
  'disetujui_rp',
  'dikomitmenkan_rp',
  'dicairkan_rp',
  'progres_fisik_persen',
  'status',
];

/** RFC 4180: quote a field when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
export function field(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The transparency report as CSV, one line per approved proposal, rupiah as plain integers. */
export function transparencyCsv(report: TransparencyReport): string {
  const lines = [HEADER.join(',')];
  for (const district of report.districts) {
    for (const village of district.villages) {
      for (const p of village.items) {
        lines.push(
          [district.code, district.name, village.code, village.name, p.title, p.programCode, p.fiscalYear, p.amount, p.committed, p.released, p.progressPercent, p.status]
            .map(field)
            .join(','),
        );
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
