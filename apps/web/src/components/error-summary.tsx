import { useEffect, useRef } from 'react';
import { ApiError, FieldError } from '../api/api-client';
import { useI18n } from '../i18n/i18n';

/** The field errors of an API answer whose field is `name` or lies under it (`budgetItems.0` → `budgetItems.0.quantity`). */
export function errorsFor(error: unknown, name: string): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.filter((e) => e.field === name || e.field.startsWith(`${name}.`));
}

/** The reasons for one field, for its aria-describedby text; undefined when the field is fine. */
export function reasonOf(error: unknown, name: string): string | undefined {
  const errors = errorsFor(error, name);
  return errors.length ? errors.map((e) => e.reason).join('; ') : undefined;
}

/**
 * What went wrong, at the top of a form: the API's message and every refused field with its reason.
 * It takes the focus when it appears, so a screen reader and a keyboard user land on it.
 */
export function ErrorSummary({ error, fieldLabels = {} }: { error: unknown; fieldLabels?: Record<string, string> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const labelOf = (field: string) => fieldLabels[field] ?? fieldLabels[field.replace(/\.\d+\..*$/, '')] ?? field;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      {apiError?.fieldErrors.length ? (
        <>
          <p>
            <strong>{t.errorSummary}</strong>
          </p>
          <ul>
            {apiError.fieldErrors.map((e, i) => (
              <li key={i}>
                <span className="field-name">{labelOf(e.field)}</span> ({e.field}): {e.reason}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{apiError?.message ?? (error instanceof Error ? error.message : t.genericError)}</p>
      )}
    </div>
  );
}
