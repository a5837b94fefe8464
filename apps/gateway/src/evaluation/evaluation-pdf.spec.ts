import { PilotEvaluation } from '@alur/contracts';
import { pdfText } from '@alur/testing';
import { evaluationPdf, formatFigure } from './evaluation-pdf';

const group = (name: 'PILOT' | 'OTHERS', released: number): PilotEvaluation['groups'][number] => ({
  group: name,
  submitted: 3,
  approved: 2,
  returned: 0,
  rejected: 1,
  funded: 2,
  awaitingBudget: 0,
  ceiling: 200_000_000,
  committed: 190_000_000,
  released,
  releasedOfCommittedBp: 2500,
  committedOfCeilingBp: 9500,
  averageProgressPercent: 30,
  completed: 0,
  completedOnTime: 0,
  stages: [{ role: 'LURAH', decided: 3, medianWorkingDays: 2.5, p90WorkingDays: 7, overdue: 1, escalated: 1 }],
  overdueStages: 1,
  escalatedStages: 1,
});

const textOf = pdfText;

describe('the evaluation as PDF', () => {
  it('writes figures as an Indonesian reader does', () => {
    expect(formatFigure('rupiah', 47_500_000)).toBe('Rp 47.500.000');
    expect(formatFigure('bp', 2575)).toBe('25,75%');
    expect(formatFigure('workingDays', 2.5)).toBe('2,5');
    expect(formatFigure('workingDays', null)).toBe('—');
  });

  it('is a PDF whose text names the programme, the pilot regions, the groups, the money and the stage figures', async () => {
    const evaluation: PilotEvaluation = {
      programCode: 'EVAL-2026',
      fiscalYear: 2026,
      pilotRegionCodes: ['14.03.09'],
      pilotRegions: [{ code: '14.03.09', name: 'Kec. Mandau' }],
      groups: [group('PILOT', 47_500_000), group('OTHERS', 12_000_000)],
    };
    const pdf = await evaluationPdf(evaluation, {
      timeZone: 'Asia/Makassar',
      generatedAt: new Date('2026-11-30T03:00:00Z'),
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await textOf(pdf);
    expect(text).toContain('Evaluasi pilot EVAL-2026');
    expect(text).toContain('Kec. Mandau (14.03.09)');
    // When it was made, in the regency's own time zone (here WITA).
    expect(text).toContain('Dibuat 30 November 2026 pukul 11.00 WITA.');
    expect(text).toMatch(/Dicairkan\s+Rp 47\.500\.000\s+Rp 12\.000\.000/);
    expect(text).toMatch(/Lurah\/Kepala Desa: median\s+2,5\s+2,5/);
    expect(text).toMatch(/Lurah\/Kepala Desa: p90\s+7\s+7/);
  });

  it('puts the previous year’s columns beside this year’s', async () => {
    const previousYear: PilotEvaluation = {
      programCode: 'EVAL-2025',
      fiscalYear: 2025,
      pilotRegionCodes: ['14.03.09'],
      pilotRegions: [{ code: '14.03.09', name: 'Kec. Mandau' }],
      groups: [group('PILOT', 1_000_000), group('OTHERS', 2_000_000)],
    };
    const evaluation: PilotEvaluation = {
      ...previousYear,
      programCode: 'EVAL-2026',
      fiscalYear: 2026,
      groups: [group('PILOT', 47_500_000), group('OTHERS', 12_000_000)],
      previousYear,
    };
    const text = await textOf(await evaluationPdf(evaluation, { timeZone: 'Asia/Jakarta' }));
    expect(text).toMatch(/Pilot 2026\s+Lainnya 2026\s+Pilot 2025\s+Lainnya 2025/);
    expect(text).toMatch(/Dicairkan\s+Rp 47\.500\.000\s+Rp 12\.000\.000\s+Rp 1\.000\.000\s+Rp 2\.000\.000/);
    expect(text).toContain('Dibandingkan dengan EVAL-2025');
  });
});
