import { formatRupiah } from '../money/format-rupiah';
import { englishCount } from '../words/english-count';

/** A funding line's facts: the `details` of its timeline entry. */
type Facts = Readonly<Record<string, string | number | boolean | null>>;

interface FundingLine {
  /** The facts the sentence is written from; an entry recorded before one of them was kept has no sentence here. */
  needs: readonly string[];
  id(d: Facts): string;
  en(d: Facts): string;
}

const rp = (amount: Facts[string]) => formatRupiah(Number(amount));

/**
 * What a proposal's timeline says of each of the disbursements service's events, in each language the console
 * reads, from the facts its entry keeps: the proposals service writes the Indonesian one as the entry's note
 * (what the API shows), and the console the one its reader chose. A ceiling is named by its region's name
 * (`ceilingName`: "Kec. Mandau"), which its readers know rather than its code.
 */
const FUNDING_LINES: Record<string, FundingLine> = {
  'disbursement.budget-committed': {
    needs: ['amount', 'ceilingName', 'fiscalYear', 'trancheCount'],
    id: (d) =>
      `Dana ${rp(d.amount)} dialokasikan dari pagu ${d.ceilingName} tahun ${d.fiscalYear}, dicairkan dalam ${d.trancheCount} termin.`,
    en: (d) =>
      `${rp(d.amount)} allocated from the ${d.ceilingName} ceiling for ${d.fiscalYear}, to be released in ${englishCount(Number(d.trancheCount), 'tranche')}.`,
  },
  'disbursement.awaiting-budget': {
    needs: ['requestedAmount', 'available', 'ceilingName'],
    id: (d) => `Menunggu pagu: diminta ${rp(d.requestedAmount)}, sisa pagu ${d.ceilingName} ${rp(d.available)}.`,
    en: (d) => `Waiting for a ceiling: ${rp(d.requestedAmount)} requested, ${rp(d.available)} left in the ${d.ceilingName} ceiling.`,
  },
  'disbursement.tranche-ready': {
    needs: ['trancheNumber', 'trancheCount', 'amount'],
    id: (d) => `Termin ${d.trancheNumber} dari ${d.trancheCount} sebesar ${rp(d.amount)} siap dicairkan.`,
    en: (d) => `Tranche ${d.trancheNumber} of ${d.trancheCount}, ${rp(d.amount)}, is ready to release.`,
  },
  'disbursement.tranche-released': {
    needs: ['trancheNumber', 'trancheCount', 'amount', 'sp2dNumber'],
    id: (d) => `Termin ${d.trancheNumber} dari ${d.trancheCount} sebesar ${rp(d.amount)} dicairkan dengan SP2D ${d.sp2dNumber}.`,
    en: (d) => `Tranche ${d.trancheNumber} of ${d.trancheCount}, ${rp(d.amount)}, released under SP2D ${d.sp2dNumber}.`,
  },
  'disbursement.progress-reported': {
    needs: ['physicalProgressPercent', 'amountSpent', 'final'],
    id: (d) =>
      `Laporan kemajuan fisik ${d.physicalProgressPercent}%, dana terpakai ${rp(d.amountSpent)}${d.final ? ' (laporan akhir / LPJ)' : ''}.`,
    en: (d) =>
      `Physical progress reported at ${d.physicalProgressPercent}%, ${rp(d.amountSpent)} spent${d.final ? ' (final report / LPJ)' : ''}.`,
  },
  'disbursement.progress-accepted': {
    needs: ['physicalProgressPercent'],
    id: (d) => `Laporan kemajuan fisik ${d.physicalProgressPercent}% diterima verifikator.`,
    en: (d) => `The report of ${d.physicalProgressPercent}% physical progress was accepted by the verifier.`,
  },
  'disbursement.progress-sent-back': {
    needs: ['physicalProgressPercent', 'verifierNote'],
    id: (d) => `Laporan kemajuan fisik ${d.physicalProgressPercent}% dikembalikan verifikator: ${d.verifierNote ?? ''}`.trim(),
    en: (d) =>
      `The report of ${d.physicalProgressPercent}% physical progress was sent back by the verifier: ${d.verifierNote ?? ''}`.trim(),
  },
  'disbursement.completed': {
    needs: ['totalReleased'],
    id: (d) => `Selesai: seluruh dana ${rp(d.totalReleased)} telah dicairkan dan LPJ diterima.`,
    en: (d) => `Completed: all ${rp(d.totalReleased)} released and the final report (LPJ) accepted.`,
  },
};

/**
 * The sentence a funding entry of a proposal's timeline (`kind`, `details`) reads as in `language`; undefined for
 * any other kind, and for an entry whose details lack a fact the sentence needs (the console then shows its note).
 */
export function fundingLineText(kind: string, details: Facts | null | undefined, language: 'id' | 'en'): string | undefined {
  if (!details || !Object.hasOwn(FUNDING_LINES, kind)) return undefined;
  const line = FUNDING_LINES[kind];
  return line.needs.every((fact) => Object.hasOwn(details, fact)) ? line[language](details) : undefined;
}
