import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

/** The same 400 body the gateway's validation pipe gives: `{ message: 'Validation failed', errors: [{ field, reason }] }`. */
export function validationFailed(errors: Array<{ field: string; reason: string }>): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: 'Validation failed', errors });
}

export function fieldErrorsOf(error: z.ZodError): Array<{ field: string; reason: string }> {
  return error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', reason: issue.message }));
}
