import type { FieldError } from '@alur/contracts';

/** Deeper than any request body of the API needs; deeper still is an attack on the parsers behind. */
export const MAX_INPUT_DEPTH = 32;
/** In Unicode mode a surrogate matches only when unpaired: text that no UTF-8 store can hold. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function textProblem(text: string): FieldError | undefined {
  // PostgreSQL refuses NUL in text; the database would answer with an error instead of a 400.
  if (text.includes('\u0000')) return { field: '', reason: 'must not contain the NUL character', code: 'text_nul' };
  if (LONE_SURROGATE.test(text)) return { field: '', reason: 'must not contain a lone UTF-16 surrogate', code: 'text_lone_surrogate' };
  return undefined;
}

/**
 * What no validator further on can be trusted with: values nested deeper than MAX_INPUT_DEPTH and
 * text (values or keys) with NUL or a lone surrogate. Each problem names its field by dotted path.
 */
export function unsafeInputErrors(value: unknown, rootField = ''): FieldError[] {
  const errors: FieldError[] = [];
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: rootField, depth: 0 }];
  while (pending.length && errors.length < 20) {
    const { value: current, path, depth } = pending.pop()!;
    if (typeof current === 'string') {
      const problem = textProblem(current);
      if (problem) errors.push({ ...problem, field: path || '(body)' });
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      errors.push({ field: path || '(body)', reason: `is nested deeper than ${MAX_INPUT_DEPTH} levels`, code: 'too_deep' });
      continue;
    }
    for (const [key, child] of Object.entries(current)) {
      const childPath = path ? `${path}.${key}` : key;
      const keyProblem = textProblem(key);
      if (keyProblem) {
        errors.push({
          ...keyProblem,
          field: childPath.replace(/[\u0000\uD800-\uDFFF]/g, '\uFFFD'),
          reason: `has a name that ${keyProblem.reason}`,
        });
        continue;
      }
      pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return errors;
}
