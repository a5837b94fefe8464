import { z } from 'zod';
import { InvalidInputError } from '../errors/invalid-input.error';
import type { FieldError } from '../errors/field-error';

/**
 * zod's issues as field errors: one per unknown field (named, as it would be if it were known), and
 * a missing field as `required` rather than a wrong type. Parse with `reportInput` to tell them apart.
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
