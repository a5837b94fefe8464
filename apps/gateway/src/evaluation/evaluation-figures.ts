import type { PilotEvaluation, StageFigures } from '@alur/contracts';

export type EvaluationGroupFigures = PilotEvaluation['groups'][number];

/** How a figure reads: a count, whole rupiah, basis points, a percentage, or working days. */
export type FigureKind = 'count' | 'rupiah' | 'bp' | 'percent' | 'workingDays';

/** One figure of a group, named for the CSV header and for a printed table. */
export interface Figure {
  csv: string;
  label: string;
  kind: FigureKind;
  value(group: EvaluationGroupFigures): number | null;
}

/** The group figures, in the order the CSV and the PDF show them. */
export const GROUP_FIGURES: Figure[] = [
  { csv: 'usulan_diajukan', label: 'Usulan diajukan', kind: 'count', value: (g) => g.submitted },
  { csv: 'usulan_disetujui', label: 'Usulan disetujui', kind: 'count', value: (g) => g.approved },
  { csv: 'usulan_dikembalikan', label: 'Usulan dikembalikan', kind: 'count', value: (g) => g.returned },
  { csv: 'usulan_ditolak', label: 'Usulan ditolak', kind: 'count', value: (g) => g.rejected },
  { csv: 'usulan_didanai', label: 'Usulan didanai', kind: 'count', value: (g) => g.funded },
  { csv: 'menunggu_pagu', label: 'Menunggu pagu', kind: 'count', value: (g) => g.awaitingBudget },
  { csv: 'pagu_rp', label: 'Pagu', kind: 'rupiah', value: (g) => g.ceiling },
  { csv: 'dikomitmenkan_rp', label: 'Dikomitmenkan', kind: 'rupiah', value: (g) => g.committed },
  { csv: 'dicairkan_rp', label: 'Dicairkan', kind: 'rupiah', value: (g) => g.released },
  { csv: 'serapan_cair_per_komitmen_bp', label: 'Serapan: cair / komitmen', kind: 'bp', value: (g) => g.releasedOfCommittedBp },
  { csv: 'serapan_komitmen_per_pagu_bp', label: 'Serapan: komitmen / pagu', kind: 'bp', value: (g) => g.committedOfCeilingBp },
  {
    csv: 'rata_rata_progres_fisik_persen',
    label: 'Rata-rata progres fisik terverifikasi',
    kind: 'percent',
    value: (g) => g.averageProgressPercent,
  },
  { csv: 'selesai', label: 'Selesai', kind: 'count', value: (g) => g.completed },
  { csv: 'selesai_tepat_waktu', label: 'Selesai sebelum tutup tahun', kind: 'count', value: (g) => g.completedOnTime },
  { csv: 'tahap_terlambat', label: 'Tahap melewati tenggat', kind: 'count', value: (g) => g.overdueStages },
  { csv: 'tahap_dieskalasi', label: 'Tahap dieskalasi', kind: 'count', value: (g) => g.escalatedStages },
];

/** The per-stage figures of one role, in the same order for every role. */
export const STAGE_FIGURES: Array<{ csv: string; label: string; kind: FigureKind; value(stage: StageFigures): number | null }> = [
  { csv: 'diputus', label: 'diputus', kind: 'count', value: (s) => s.decided },
  { csv: 'median_hari_kerja', label: 'median', kind: 'workingDays', value: (s) => s.medianWorkingDays },
  { csv: 'p90_hari_kerja', label: 'p90', kind: 'workingDays', value: (s) => s.p90WorkingDays },
  { csv: 'terlambat', label: 'terlambat', kind: 'count', value: (s) => s.overdue },
  { csv: 'dieskalasi', label: 'dieskalasi', kind: 'count', value: (s) => s.escalated },
];

/** The roles of an approval chain as a report names them. */
export const ROLE_NAMES: Record<string, string> = {
  LURAH: 'Lurah/Kepala Desa',
  CAMAT: 'Camat',
  DINAS: 'Dinas',
  SEKDA: 'Sekda',
  BUPATI: 'Bupati',
};

/** The evaluation and, when asked for, its previous year: the years an export shows, newest first. */
export function yearsOf(evaluation: PilotEvaluation): PilotEvaluation[] {
  return evaluation.previousYear ? [evaluation, evaluation.previousYear] : [evaluation];
}

/** The roles of the chain over every year shown, in chain order (a later year may have changed the chain). */
export function rolesOf(evaluation: PilotEvaluation): string[] {
  const roles: string[] = [];
  for (const year of yearsOf(evaluation)) {
    for (const stage of year.groups[0]?.stages ?? []) if (!roles.includes(stage.role)) roles.push(stage.role);
  }
  return roles;
}

/** The figures of one role in a group; every figure null when that year's chain had no such stage. */
export function stageOf(group: EvaluationGroupFigures, role: string): StageFigures | undefined {
  return group.stages.find((stage) => stage.role === role);
}
