import { ApiError, FieldError, NETWORK_FAILURE } from '../api/api-client';
import { Messages } from './messages';

/** isNotEmpty, IS_NOT_EMPTY and is-not-empty name one code. */
const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Why the API refused a field, in the reader's language: from its stable code, never its English reason. */
export function fieldReasonOf(error: FieldError, t: Messages): string {
  return (error.code && t.serverErrors.byCode[normalise(error.code)]) || t.serverErrors.fieldInvalid;
}

/**
 * What went wrong, in the reader's language: from the API's stable code, else its status; a dropped
 * connection says so. The console's own errors (e.g. a wrong password) already carry their words.
 */
export function errorMessageOf(error: unknown, t: Messages): string {
  if (error instanceof ApiError) {
    if (error.status === NETWORK_FAILURE) return t.serverErrors.network;
    const byCode = error.code ? t.serverErrors.byCode[normalise(error.code)] : undefined;
    return byCode ?? t.serverErrors.byStatus[error.status] ?? (error.status >= 500 ? t.serverErrors.byStatus[500] : t.genericError);
  }
  if (error instanceof Error && error.name === 'ConsoleMessage') return error.message;
  return t.genericError;
}

/** An error whose message the console wrote itself, in the reader's language, shown as it is. */
export function consoleMessage(text: string): Error {
  const error = new Error(text);
  error.name = 'ConsoleMessage';
  return error;
}
