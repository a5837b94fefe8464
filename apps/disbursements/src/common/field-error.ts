import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/** One rejected field, named as the gateway names it, and why. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The same 400 body the gateway's validation pipe gives, so a client reads one shape. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: 'Validation failed', errors });
}

/** Parses a request's data; a caller that went around the gateway's validation still gets a 400 naming the field. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw validationFailed(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message })));
  }
  return parsed.data;
}
