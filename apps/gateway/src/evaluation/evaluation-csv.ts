import { PilotEvaluation } from '@alur/contracts';
import { field } from '../http/csv';
import { GROUP_FIGURES, rolesOf, STAGE_FIGURES, stageOf, yearsOf } from './evaluation-figures';

/**
 * The evaluation as CSV for a Bappeda analyst's report: one line per group (pilot, others) and year,
 * rupiah as plain integers, then per role of the chain its decided stages, median and p90 working
 * days, overdue and escalated stages (`tahap_lurah_median_hari_kerja`, …; empty where none was decided).
 */
export function evaluationCsv(evaluation: PilotEvaluation): string {
  const roles = rolesOf(evaluation);
  const header = [
    'program',
    'tahun_anggaran',
    'kelompok',
    ...GROUP_FIGURES.map((f) => f.csv),
    ...roles.flatMap((role) => STAGE_FIGURES.map((f) => `tahap_${role.toLowerCase()}_${f.csv}`)),
  ];
  const lines = [header.join(',')];
  for (const year of yearsOf(evaluation)) {
    for (const g of year.groups) {
      const stageValues = roles.flatMap((role) => {
        const stage = stageOf(g, role);
        return STAGE_FIGURES.map((f) => (stage ? f.value(stage) : null));
      });
      lines.push(
        [
          year.programCode,
          year.fiscalYear,
          g.group === 'PILOT' ? 'pilot' : 'lainnya',
          ...GROUP_FIGURES.map((f) => f.value(g)),
          ...stageValues,
        ]
          .map(field)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}
