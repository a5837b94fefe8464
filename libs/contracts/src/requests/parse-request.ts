import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input.error';
import type { FieldError } from '../errors/field-error';
import { RefusalCode } from '../errors/refusal-code';

/**
 * zod's issues as field errors: one per unknown field (named, as it would be if it were known), a
 * missing field as `required` rather than a wrong type, and text where a number belongs ("2,5 miliar"
 * typed into an amount) as `not_a_number`. Parse with `reportInput` to tell them apart.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...path, key === '' ? '""' : key].join('.'),
        reason: 'is not a field of this request',
        code: 'unknown_field',
      }));
    }
    const field = path.join('.') || '(body)';
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined)
      return [{ field, reason: 'is required', code: 'required' }];
    if (issue.code === 'invalid_type' && issue.expected === 'number' && 'input' in issue && typeof issue.input === 'string')
      return [{ field, reason: 'must be a number, written in figures', code: RefusalCode.NotANumber }];
    const code = issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : issue.code;
    return [{ field, reason: issue.message, code }];
  });
}

/** Parses a request's data; a caller that went around the gateway's validation still gets a 400 naming the field. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data ?? {}, { reportInput: true });
  if (!parsed.success) throw new InvalidInputError(fieldErrorsOf(parsed.error));
  return parsed.data;
}
