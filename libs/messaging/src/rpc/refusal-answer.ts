import { DomainError, DomainErrorKind } from '@alur/contracts';
import type { RpcErrorPayload } from './rpc-error';

/** Each kind of domain refusal's HTTP status, and the reason phrase the body names it by. */
const STATUS_OF: Record<DomainErrorKind, { status: number; error: string }> = {
  'invalid-input': { status: 400, error: 'Bad Request' },
  forbidden: { status: 403, error: 'Forbidden' },
  'not-found': { status: 404, error: 'Not Found' },
  conflict: { status: 409, error: 'Conflict' },
  unprocessable: { status: 422, error: 'Unprocessable Entity' },
};

/**
 * The one place a domain refusal becomes an answer: its status, and the body a client reads, in the
 * shapes clients have always been given (a service's over NATS, re-raised as is by the gateway):
 * - invalid input: `{statusCode: 400, message: 'Validation failed', errors: [{field, reason, code}]}`;
 * - a refusal with a code or fields: `{statusCode, message, error, code?, errors?}`;
 * - a plain refusal: `{message, error, statusCode}`, as NestJS shapes an exception made from a message.
 */
export function refusalAnswerOf(refusal: DomainError): RpcErrorPayload {
  const { status, error } = STATUS_OF[refusal.kind];
  const { message, code, errors } = refusal;
  if (refusal.kind === 'invalid-input') return { status, body: { statusCode: status, message, errors } };
  if (code === undefined && errors === undefined) return { status, body: { message, error, statusCode: status } };
  return {
    status,
    body: { statusCode: status, message, error, ...(code !== undefined && { code }), ...(errors !== undefined && { errors }) },
  };
}
