import { BadRequestException } from '@nestjs/common';

/** One rejected field, named as the gateway names it (`budgetItems.0.quantity`), and why. */
export interface FieldError {
  field: string;
  reason: string;
}

/** The same 400 body the gateway's validation pipe gives, so a client reads one shape. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: 'Validation failed', errors });
}
