import { ProgrammeDefinition, RefusalCode } from '@alur/contracts';
import { BudgetFigures, BudgetItemInput, computeBudget } from './budget';
import type { FieldError } from '@alur/contracts';

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
}

/** The one question the rules ask of the region hierarchy. */
export interface RegionCoverage {
  covers(regionCode: string, villageCode: string): boolean;
}

export type SubmissionCheck = { ok: true; figures: BudgetFigures } | { ok: false; errors: FieldError[] };

const rupiah = (amount: number) => `Rp ${amount.toLocaleString('id-ID')}`;
const percent = (bp: number) => `${bp / 100}%`;
const blank = (value: string | null) => value === null || value.trim() === '';

/**
 * Everything a proposal must satisfy to enter the approval chain under a programme version:
 * required fields, the village's eligibility, budget arithmetic, the maximum requested amount and
 * the minimum swadaya share. Reports every broken rule at once, each naming its field.
 */
export function checkSubmission(candidate: SubmissionCandidate, programme: ProgrammeDefinition, regions: RegionCoverage): SubmissionCheck {
  const errors: FieldError[] = [];
  const required = (field: keyof SubmissionCandidate, value: string | null) => {
    if (blank(value)) errors.push({ field, reason: 'is required before submission', code: RefusalCode.Required });
  };
  required('title', candidate.title);
  required('description', candidate.description);
  required('executorGroup', candidate.executorGroup);
  if (blank(candidate.category)) {
    errors.push({ field: 'category', reason: 'is required before submission', code: RefusalCode.Required });
  } else if (!(programme.categories as string[]).includes(candidate.category!)) {
    errors.push({
      field: 'category',
      reason: `must be one of ${programme.categories.join(', ')} for ${programme.code}`,
      code: RefusalCode.CategoryNotInProgramme,
    });
  }

  const beneficiaries = candidate.beneficiaries;
  if (!beneficiaries) {
    errors.push({ field: 'beneficiaries', reason: 'is required before submission', code: RefusalCode.Required });
  } else {
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

  if (candidate.budgetItems.length === 0) {
    errors.push({ field: 'budgetItems', reason: 'needs at least one budget line (RAB)', code: RefusalCode.BudgetLineRequired });
  }
  candidate.budgetItems.forEach((item, i) => {
    if (blank(item.description)) errors.push({ field: `budgetItems.${i}.description`, reason: 'is required', code: RefusalCode.Required });
    if (blank(item.unit)) errors.push({ field: `budgetItems.${i}.unit`, reason: 'is required', code: RefusalCode.Required });
  });

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
