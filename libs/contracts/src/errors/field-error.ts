/**
 * One rejected field, named as the gateway names it (`budgetItems.0.quantity`), and why: `reason`
 * for people (English), `code` stable for programs (the console shows it in the user's language).
 */
export interface FieldError {
  field: string;
  reason: string;
  code?: string;
}

/** Refusals that name no code of their own: the field is not acceptable as given. */
export const INVALID_FIELD_CODE = 'invalid';
