import { ApiError } from '../../api/api-client';
import { consoleMessage } from '../../i18n/server-errors';

/**
 * An administration refusal with words of its own (a taken username, one's own account), else the
 * error as it came, for ErrorSummary to put in words from its code or status.
 */
export function adminError(error: unknown, words: { conflict?: string; gone?: string; byCode?: Record<string, string> }): unknown {
  if (!(error instanceof ApiError)) return error;
  const own = error.code ? words.byCode?.[error.code] : undefined;
  if (own) return consoleMessage(own);
  if (error.status === 409 && words.conflict && error.fieldErrors.length === 0) return consoleMessage(words.conflict);
  // What the action was on is no longer there (another administrator, or another tab, got there first).
  if (error.status === 404 && words.gone) return consoleMessage(words.gone);
  return error;
}
