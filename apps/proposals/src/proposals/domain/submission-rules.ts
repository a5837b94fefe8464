import { missingForSubmission, ProgrammeDefinition, RefusalCode } from '@alur/contracts';
import { BudgetFigures, BudgetItemInput, computeBudget } from './budget';
import type { BankAccount, FieldError } from '@alur/contracts';

/** What the BKM wrote, as it stands when submitted. */
export interface SubmissionCandidate {
  villageCode: string;
  title: string | null;
  category: string | null;
  description: string | null;
  executorGroup: string | null;
  beneficiaries: { households: number; poorHouseholds: number } | null;
  budgetItems: BudgetItemInput[];
  selfHelpAmount: number;
  payeeAccount: BankAccount | null;
}

/** The one question the rules ask of the region hierarchy. */
export interface RegionCoverage {
  covers(regionCode: string, villageCode: string): boolean;
}

export type SubmissionCheck = { ok: true; figures: BudgetFigures } | { ok: false; errors: FieldError[] };

const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;
const percent = (bp: number) => `${bp / 100}%`;

/**
 * Everything a proposal must satisfy to enter the approval chain under a programme version:
 * required fields, the village's eligibility, budget arithmetic, the maximum requested amount and
 * the minimum swadaya share. Reports every broken rule at once, each naming its field.
 */
export function checkSubmission(candidate: SubmissionCandidate, programme: ProgrammeDefinition, regions: RegionCoverage): SubmissionCheck {
  // What must be filled in is the contract's rule, which the console applies before it sends; each field's
  // missing entry keeps its place here, among the rules that need the programme.
  const missing = missingForSubmission(candidate);
  const missingIn = (field: string) => missing.filter((e) => e.field === field || e.field.startsWith(`${field}.`));
  const errors: FieldError[] = [
    ...missingIn('title'),
    ...missingIn('description'),
    ...missingIn('executorGroup'),
    ...missingIn('category'),
  ];
  if (
    candidate.category !== null &&
    missingIn('category').length === 0 &&
    !(programme.categories as string[]).includes(candidate.category)
  ) {
    errors.push({
      field: 'category',
      reason: `must be one of ${programme.categories.join(', ')} for ${programme.code}`,
      code: RefusalCode.CategoryNotInProgramme,
    });
  }

  errors.push(...missingIn('beneficiaries'));
  const beneficiaries = candidate.beneficiaries;
  if (beneficiaries) {
    if (!Number.isSafeInteger(beneficiaries.households) || beneficiaries.households < 1) {
      errors.push({ field: 'beneficiaries.households', reason: 'must be at least 1 household', code: RefusalCode.TooSmall });
    }
    if (!Number.isSafeInteger(beneficiaries.poorHouseholds) || beneficiaries.poorHouseholds < 0) {
      errors.push({ field: 'beneficiaries.poorHouseholds', reason: 'must be a whole number, 0 or more', code: RefusalCode.NotWholeNumber });
    } else if (beneficiaries.poorHouseholds > beneficiaries.households) {
      errors.push({
        field: 'beneficiaries.poorHouseholds',
        reason: 'cannot exceed the number of households',
        code: RefusalCode.PoorAboveHouseholds,
      });
    }
  }

  const eligible = programme.eligibleRegions;
  if (eligible.scope === 'LIST' && !eligible.regionCodes.some((code) => regions.covers(code, candidate.villageCode))) {
    errors.push({
      field: 'villageCode',
      reason: `the village is not eligible for ${programme.code}, which covers only ${eligible.regionCodes.join(', ')}`,
      code: RefusalCode.VillageNotEligible,
    });
  }

  errors.push(...missingIn('budgetItems'));
  errors.push(...missingIn('payeeAccount'));

  const budget = computeBudget(candidate.budgetItems, candidate.selfHelpAmount);
  if (!budget.ok) return { ok: false, errors: [...errors, ...budget.errors] };
  const { figures } = budget;
  if (candidate.budgetItems.length > 0 && figures.budgetTotal === 0) {
    errors.push({ field: 'budgetItems', reason: 'the budget total must be more than Rp 0', code: RefusalCode.BudgetTotalZero });
  } else if (figures.budgetTotal > 0 && figures.requestedAmount === 0) {
    errors.push({
      field: 'selfHelpAmount',
      reason: 'swadaya covers the whole budget: nothing is left to request',
      code: RefusalCode.NothingRequested,
    });
  }
  if (figures.requestedAmount > programme.maxRequestedAmount) {
    errors.push({
      field: 'requestedAmount',
      reason: `${rupiah(figures.requestedAmount)} exceeds the maximum of ${rupiah(programme.maxRequestedAmount)} for ${programme.code}`,
      code: RefusalCode.RequestedAboveMaximum,
    });
  }
  if (figures.budgetTotal > 0 && figures.selfHelpShareBp < programme.minSelfHelpShareBp) {
    errors.push({
      field: 'selfHelpAmount',
      reason: `swadaya is ${percent(figures.selfHelpShareBp)} of the budget total; ${programme.code} requires at least ${percent(programme.minSelfHelpShareBp)}`,
      code: RefusalCode.SelfHelpBelowMinimum,
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, figures };
}
