import { BadRequestException } from '@nestjs/common';

/** The same 400 the gateway's validation pipe gives: the field and the reason. */
export function badRequest(field: string, reason: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, message: 'Validation failed', errors: [{ field, reason }] });
}
