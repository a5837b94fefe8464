import { cloneElement, ReactElement } from 'react';

interface FieldProps {
  id: string;
  label: string;
  /** Shown under the input and read out with it; marks the input invalid. */
  error?: string;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}

/** A labelled input whose error and hint are tied to it (aria-describedby, aria-invalid). */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
