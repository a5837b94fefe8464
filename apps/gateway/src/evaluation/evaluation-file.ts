import type { PilotEvaluation } from '@alur/contracts';
import { ColumnKind, ExportColumn, ExportRequest, tableCsv, tableXlsx } from '../http/export-table';
import {
  EvaluationGroupFigures,
  FigureKind,
  GROUP_FIGURES,
  ROLE_NAMES,
  rolesOf,
  STAGE_FIGURES,
  stageOf,
  yearsOf,
} from './evaluation-figures';

/** A line of the evaluation: one group (pilot, others) of one year. */
interface GroupOfYear {
  year: PilotEvaluation;
  group: EvaluationGroupFigures;
}

const KIND: Record<FigureKind, ColumnKind> = {
  count: 'count',
  rupiah: 'rupiah',
  bp: 'basisPoints',
  percent: 'decimal',
  workingDays: 'decimal',
};
const UNIT: Partial<Record<FigureKind, string>> = { rupiah: ' (Rp)', percent: ' (%)', workingDays: ' (hari kerja)' };

/**
 * For a Bappeda analyst's report: a line per group (pilot, others) and year, then per role of the chain its decided
 * stages, median and p90 working days, overdue and escalated stages (`tahap_lurah_median_hari_kerja`, …; empty
 * where none was decided).
 */
function columnsOf(evaluation: PilotEvaluation): ExportColumn<GroupOfYear>[] {
  return [
    { key: 'program', title: 'Program', kind: 'text', value: ({ year }) => year.programCode },
    { key: 'tahun_anggaran', title: 'Tahun anggaran', kind: 'count', value: ({ year }) => year.fiscalYear },
    { key: 'kelompok', title: 'Kelompok', kind: 'text', value: ({ group }) => (group.group === 'PILOT' ? 'pilot' : 'lainnya') },
    ...GROUP_FIGURES.map((f): ExportColumn<GroupOfYear> => ({
      key: f.csv,
      title: `${f.label}${UNIT[f.kind] ?? ''}`,
      kind: KIND[f.kind],
      value: ({ group }) => f.value(group),
    })),
    ...rolesOf(evaluation).flatMap((role) =>
      STAGE_FIGURES.map((f): ExportColumn<GroupOfYear> => ({
        key: `tahap_${role.toLowerCase()}_${f.csv}`,
        title: `${ROLE_NAMES[role] ?? role}: ${f.label}${UNIT[f.kind] ?? ''}`,
        kind: KIND[f.kind],
        value: ({ group }) => {
          const stage = stageOf(group, role);
          return stage ? f.value(stage) : null;
        },
      })),
    ),
  ];
}

const linesOf = (evaluation: PilotEvaluation): GroupOfYear[] =>
  yearsOf(evaluation).flatMap((year) => year.groups.map((group) => ({ year, group })));

/** The evaluation as UTF-8 CSV with a BOM: rupiah as plain integers, shares in basis points. */
export function evaluationCsv(evaluation: PilotEvaluation): string {
  return tableCsv(columnsOf(evaluation), linesOf(evaluation));
}

/** The evaluation as a spreadsheet, Evaluasi pilot, with its Keterangan (see tableXlsx). */
export function evaluationXlsx(evaluation: PilotEvaluation, request: ExportRequest): Promise<Buffer> {
  return tableXlsx(columnsOf(evaluation), linesOf(evaluation), {
    ...request,
    title: 'Evaluasi pilot',
    source: `GET /api/v1/evaluations/${evaluation.programCode}/${evaluation.fiscalYear}/xlsx`,
  });
}
