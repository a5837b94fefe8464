import { PilotEvaluation } from '@alur/contracts';
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

const number = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });

/** A figure as an Indonesian reader writes it: Rp 47.500.000, 25%, 2,5. */
export function formatFigure(kind: FigureKind, value: number | null): string {
  if (value === null) return '—';
  switch (kind) {
    case 'rupiah':
      return `Rp ${number.format(value)}`;
    case 'bp':
      return `${number.format(value / 100)}%`;
    case 'percent':
      return `${number.format(value)}%`;
    default:
      return number.format(value);
  }
}

export interface EvaluationPdfOptions {
  /** The regency's time zone (TIMEZONE), in which the PDF says when it was made. */
  timeZone: string;
  generatedAt?: Date;
}

/**
 * The evaluation as a PDF an analyst attaches to a report (A4 landscape, tagged, in Indonesian): the
 * groups' figures side by side (and the previous year's beside them), then each stage's working days,
 * overdue and escalated stages, and how the figures are defined.
 */
export function evaluationPdf(evaluation: PilotEvaluation, options: EvaluationPdfOptions): Promise<Buffer> {
  // Loaded by the first PDF asked for: pdfkit takes 0.13 s and 10 MiB to load, in a gateway that may never make one.
  // require, not import(): the build would keep import() and load pdfkit's ES module, the tests its CommonJS one.
  const PDFDocument = require('pdfkit') as typeof import('pdfkit');
  const years = yearsOf(evaluation);
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    lang: 'id-ID',
    tagged: true,
    displayTitle: true,
    info: { Title: `Evaluasi pilot ${evaluation.programCode}`, Author: 'Alur', Subject: `Tahun anggaran ${evaluation.fiscalYear}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const columns: Array<{ title: string; group: EvaluationGroupFigures }> = years.flatMap((year) =>
    year.groups.map((group) => ({ title: `${group.group === 'PILOT' ? 'Pilot' : 'Lainnya'} ${year.fiscalYear}`, group })),
  );
  const header = ['', ...columns.map((c) => c.title)].map((text) => ({ text, type: 'TH' as const, font: { family: 'Helvetica-Bold' } }));
  const table = (rows: string[][]) =>
    doc.table({
      columnStyles: [200, ...columns.map(() => '*')],
      defaultStyle: { padding: 3 },
      rowStyles: (row) => (row === 0 ? { backgroundColor: '#e8eeec' } : undefined),
      data: [
        header,
        ...rows.map(([label, ...cells]) => [
          { text: label, type: 'TH' as const },
          ...cells.map((text) => ({ text, align: { x: 'right' as const } })),
        ]),
      ],
    });

  doc.font('Helvetica-Bold').fontSize(16).text(`Evaluasi pilot ${evaluation.programCode} — tahun anggaran ${evaluation.fiscalYear}`);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  const pilot = evaluation.pilotRegions.map((region) => `${region.name} (${region.code})`).join(', ');
  doc.text(`Wilayah pilot: ${pilot || 'tidak ada'}. Lainnya: wilayah lain kabupaten yang sama.`);
  if (evaluation.previousYear)
    doc.text(
      `Dibandingkan dengan ${evaluation.previousYear.programCode} (tahun anggaran ${evaluation.previousYear.fiscalYear}), wilayah yang sama.`,
    );
  // `30 November 2026 pukul 11.00 WITA`: the zone's own abbreviation, as the messages write it.
  const madeAt = new Intl.DateTimeFormat('id-ID', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: options.timeZone,
  }).format(options.generatedAt ?? new Date());
  doc.text(`Dibuat ${madeAt}.`);
  doc.moveDown();

  doc.font('Helvetica-Bold').fontSize(12).text('Usulan, dana dan hasil');
  doc.moveDown(0.3).font('Helvetica').fontSize(9);
  table(GROUP_FIGURES.map((f) => [f.label, ...columns.map((c) => formatFigure(f.kind, f.value(c.group)))]));
  doc.moveDown();

  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(12).text('Waktu per tahap (hari kerja), tahap terlambat dan dieskalasi');
  doc.moveDown(0.3).font('Helvetica').fontSize(9);
  table(
    rolesOf(evaluation).flatMap((role) =>
      STAGE_FIGURES.map((f) => [
        `${ROLE_NAMES[role] ?? role}: ${f.label}`,
        ...columns.map((c) => {
          const stage = stageOf(c.group, role);
          return formatFigure(f.kind, stage ? f.value(stage) : null);
        }),
      ]),
    ),
  );
  doc.moveDown();
  doc
    .fontSize(8)
    .text(
      'Hari kerja: Senin–Jumat di luar hari libur kalender kabupaten (kalender yang sama dengan tenggat tahap), dihitung dari tahap dibuka sampai diputus. ' +
        'Median dan p90 dengan metode peringkat terdekat: nilai pada peringkat p/100 × n (dibulatkan ke atas) dari durasi yang diurutkan. ' +
        'Terlambat: diputus setelah tenggat, atau masih terbuka melewati tenggat. Dieskalasi: eskalasi ke atasan diumumkan saat tenggat. ' +
        'Serapan dalam persen: cair ÷ komitmen dan komitmen ÷ pagu.',
    );
  doc.end();
  return done;
}
