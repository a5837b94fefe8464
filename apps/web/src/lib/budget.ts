import { budgetLineAmount, quantityTextToHundredths, selfHelpShareBpOf } from '@alur/contracts';
import { parseRupiah } from './rupiah';

/** One RAB line as it is being typed: the text of each cell. */
export interface BudgetRowInput {
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
}

/** The programme rules the form checks while the BKM types. */
export interface ProgrammeRules {
  maxRequestedAmount: number;
  /** Minimum swadaya share in basis points (500 = 5%). */
  minSelfHelpShareBp: number;
}

export interface BudgetRowFigures {
  /** Quantity in hundredths of a unit, when the cell holds a valid quantity. */
  quantityHundredths?: number;
  unitPrice?: number;
  /** Quantity × unit price rounded half up to whole rupiah, by the proposals service's own rule (budgetLineAmount). */
  amount?: number;
}

export interface BudgetSummary {
  rows: BudgetRowFigures[];
  total: number;
  selfHelpAmount: number;
  requestedAmount: number;
  /** Swadaya ÷ total in basis points, rounded down, by the server's own rule. */
  selfHelpShareBp: number;
  /** Swadaya share reaches the programme's minimum. */
  shareMet: boolean;
  /** Requested amount within the programme's maximum. */
  withinMaximum: boolean;
  swadayaExceedsTotal: boolean;
}

/**
 * What the BKM typed as a quantity, `12,5` or `12.5` → 1250 hundredths (the decimal comma is how the
 * reader writes it; the reading itself is the proposals service's). Zero is no quantity.
 */
export function parseQuantity(text: string): number | undefined {
  const hundredths = quantityTextToHundredths(text.trim().replace(',', '.'));
  return hundredths === undefined || hundredths === 0 ? undefined : hundredths;
}

/**
 * The RAB's figures as the BKM types, with the proposals service's arithmetic (`@alur/contracts`
 * budget rules); invalid cells count as nothing, and a swadaya beyond the total asks for nothing.
 */
export function summariseBudget(rows: BudgetRowInput[], selfHelpText: string, rules?: ProgrammeRules): BudgetSummary {
  let total = 0n;
  const figures = rows.map((row): BudgetRowFigures => {
    const quantityHundredths = parseQuantity(row.quantity);
    const unitPrice = parseRupiah(row.unitPrice);
    if (quantityHundredths === undefined || unitPrice === undefined) return { quantityHundredths, unitPrice };
    const amount = budgetLineAmount(quantityHundredths, unitPrice);
    total += amount;
    return { quantityHundredths, unitPrice, amount: Number(amount) };
  });
  const selfHelp = BigInt(parseRupiah(selfHelpText) ?? 0);
  const requested = total > selfHelp ? total - selfHelp : 0n;
  const selfHelpShareBp = selfHelpShareBpOf(selfHelp, total);
  return {
    rows: figures,
    total: Number(total),
    selfHelpAmount: Number(selfHelp),
    requestedAmount: Number(requested),
    selfHelpShareBp,
    shareMet: rules ? total > 0n && selfHelpShareBp >= rules.minSelfHelpShareBp : true,
    withinMaximum: rules ? requested <= BigInt(rules.maxRequestedAmount) : true,
    swadayaExceedsTotal: selfHelp > total,
  };
}

/** Basis points as a percentage with a decimal comma: 525 → `5,25%`, 500 → `5%`. */
export function formatShareBp(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole},${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}
