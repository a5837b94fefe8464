import { PilotEvaluation } from '@alur/contracts';
import { field } from '../transparency/transparency-csv';

const HEADER = [
  'program',
  'tahun_anggaran',
  'kelompok',
  'usulan_diajukan',
  'usulan_disetujui',
  'usulan_dikembalikan',
  'usulan_ditolak',
  'usulan_didanai',
  'menunggu_pagu',
  'pagu_rp',
  'dikomitmenkan_rp',
  'dicairkan_rp',
  'serapan_cair_per_komitmen_bp',
  'serapan_komitmen_per_pagu_bp',
  'rata_rata_progres_fisik_persen',
  'selesai',
  'selesai_tepat_waktu',
];

/** The evaluation as CSV for a Bappeda analyst's report: one line per group (pilot, others), rupiah as plain integers. */
export function evaluationCsv(evaluation: PilotEvaluation): string {
  const lines = [HEADER.join(',')];
  for (const g of evaluation.groups) {
    lines.push(
      [
        evaluation.programCode,
        evaluation.fiscalYear,
        g.group === 'PILOT' ? 'pilot' : 'lainnya',
        g.submitted,
        g.approved,
        g.returned,
        g.rejected,
        g.funded,
        g.awaitingBudget,
        g.ceiling,
        g.committed,
        g.released,
        g.releasedOfCommittedBp,
        g.committedOfCeilingBp,
        g.averageProgressPercent,
        g.completed,
        g.completedOnTime,
      ]
        .map(field)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
