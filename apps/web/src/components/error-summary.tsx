import { useEffect, useRef } from 'react';
import { ApiError, FieldError } from '../api/api-client';
import { messagesNow, useI18n } from '../i18n/i18n';
import { errorMessageOf, fieldReasonOf } from '../i18n/server-errors';

/** The field errors of an API answer whose field is `name` or lies under it (`budgetItems.0` → `budgetItems.0.quantity`). */
export function errorsFor(error: unknown, name: string): FieldError[] {
  if (!(error instanceof ApiError)) return [];
  return error.fieldErrors.filter((e) => e.field === name || e.field.startsWith(`${name}.`));
}

/** The reasons for one field in the reader's language, for its aria-describedby text; undefined when the field is fine. */
export function reasonOf(error: unknown, name: string): string | undefined {
  const t = messagesNow();
  const reasons = [...new Set(errorsFor(error, name).map((e) => fieldReasonOf(e, t)))];
  return reasons.length ? reasons.join(' ') : undefined;
}

/**
 * What went wrong, at the top of a form, in the reader's language: each refused field by its label
 * (a budget line by its number) with the reason; otherwise the message for the API's code or status.
 * It takes the focus when it appears, so a screen reader and a keyboard user land on it.
 */
export function ErrorSummary({
  error,
  fieldLabels = {},
  anchorOf,
}: {
  error: unknown;
  fieldLabels?: Record<string, string>;
  /** The id of the input (or a group's first input) a refused field is shown at: its name in the summary then links there. */
  anchorOf?: (field: string) => string | undefined;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const labelOf = (field: string): string => {
    if (fieldLabels[field]) return fieldLabels[field];
    const line = /^([^.]+)\.(\d+)(\.|$)/.exec(field);
    if (line && fieldLabels[line[1]]) return `${fieldLabels[line[1]]} ${Number(line[2]) + 1}`;
    return fieldLabels[field.split('.')[0]] ?? t.otherField;
  };
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
                <FieldName label={labelOf(e.field)} anchor={anchorOf?.(e.field)} />: {fieldReasonOf(e, t)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{errorMessageOf(error, t)}</p>
      )}
    </div>
  );
}

/** A refused field's name in the summary; a link that takes the reader (and the focus) to its input where it has one. */
function FieldName({ label, anchor }: { label: string; anchor: string | undefined }) {
  if (!anchor) return <span className="field-name">{label}</span>;
  return (
    <a
      className="field-name"
      href={`#${anchor}`}
      onClick={(event) => {
        const input = document.getElementById(anchor);
        if (!input) return;
        // Focused rather than only scrolled to: the reader types the fix at once, and a screen reader reads the field's error.
        event.preventDefault();
        input.focus();
      }}
    >
      {label}
    </a>
  );
}
