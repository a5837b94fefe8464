import type { FieldError } from '../errors/field-error';
import { RefusalCode } from '../errors/refusal-code';

/**
 * What a proposal says, as far as submission requires it filled in: as the proposals service stored it,
 * or as the console's form would send it (where a field left empty is null).
 */
export interface SubmissionContent {
  title?: string | null;
  description?: string | null;
  executorGroup?: string | null;
  category?: string | null;
  beneficiaries?: object | null;
  payeeAccount?: object | null;
  budgetItems?: ReadonlyArray<{ description?: string | null; unit?: string | null }>;
}

const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';

/**
 * Every field a proposal must have filled in before it is submitted, each named as the API names it, in the
 * order of the form: what needs no programme to judge. The proposals service refuses a submission with these
 * (among its other rules), and the console tells them all at once before it sends anything.
 */
export function missingForSubmission(content: SubmissionContent): FieldError[] {
  const errors: FieldError[] = [];
  const required = (field: string, value: string | null | undefined) => {
    if (blank(value)) errors.push({ field, reason: 'is required before submission', code: RefusalCode.Required });
  };
  required('title', content.title);
  required('description', content.description);
  required('executorGroup', content.executorGroup);
  required('category', content.category);
  if (content.beneficiaries === null || content.beneficiaries === undefined) {
    errors.push({ field: 'beneficiaries', reason: 'is required before submission', code: RefusalCode.Required });
  }
  const lines = content.budgetItems ?? [];
  if (lines.length === 0) {
    errors.push({ field: 'budgetItems', reason: 'needs at least one budget line (RAB)', code: RefusalCode.BudgetLineRequired });
  }
  lines.forEach((line, i) => {
    if (blank(line.description)) errors.push({ field: `budgetItems.${i}.description`, reason: 'is required', code: RefusalCode.Required });
    if (blank(line.unit)) errors.push({ field: `budgetItems.${i}.unit`, reason: 'is required', code: RefusalCode.Required });
  });
  if (content.payeeAccount === null || content.payeeAccount === undefined) {
    errors.push({
      field: 'payeeAccount',
      reason: 'is required before submission: the account the grant is paid into',
      code: RefusalCode.Required,
    });
  }
  return errors;
}
