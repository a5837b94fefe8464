import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { z } from 'zod';
import { Actor, ActorSchema, Role } from '@alur/contracts';
import type { RpcRequest } from './rpc-client';

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

/** The same 400 body the gateway's validation pipe gives, so a client reads one shape whoever refused. */
export function validationFailed(errors: FieldError[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    message: 'Validation failed',
    errors: errors.map(({ field, reason, code }) => ({ field, reason, code: code ?? INVALID_FIELD_CODE })),
  });
}

/** A 400 for one field. */
export function fieldInvalid(field: string, reason: string): BadRequestException {
  return validationFailed([{ field, reason }]);
}

/**
 * zod's issues as field errors: one per unknown field (named, as it would be if it were known), and
 * a missing field as `required` rather than a wrong type. Parse with `reportInput` to tell them apart.
 */
export function fieldErrorsOf(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [...path, key === '' ? '""' : key].join('.'), reason: 'is not a field of this request', code: 'unknown_field' }));
    }
    const field = path.join('.') || '(body)';
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) return [{ field, reason: 'is required', code: 'required' }];
    const code = issue.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : issue.code;
    return [{ field, reason: issue.message, code }];
  });
}

/** Parses a request's data; a caller that went around the gateway's validation still gets a 400 naming the field. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const parsed = schema.safeParse(data ?? {}, { reportInput: true });
  if (!parsed.success) throw validationFailed(fieldErrorsOf(parsed.error));
  return parsed.data;
}

/** The caller of a request: every operation of a domain service is made on someone's behalf. */
export function actorOf(request: RpcRequest<unknown> | undefined): Actor {
  const actor = ActorSchema.safeParse(request?.meta?.actor);
  if (!actor.success) throw new ForbiddenException('No caller on the request');
  return actor.data;
}

/** Services check roles again, so that no caller other than the gateway can go around them. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!roles.includes(actor.role as Role)) throw new ForbiddenException(`Only ${roles.join(', ')} may do this`);
}
