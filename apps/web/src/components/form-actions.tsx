import { useI18n } from '../i18n/i18n';

/** A form's two buttons: cancel, and the submit that names what it does (disabled while it is busy). */
export function FormActions({ label, busy, onCancel }: { label: string; busy?: boolean; onCancel(): void }) {
  const { t } = useI18n();
  return (
    <div className="actions">
      <button type="button" className="button secondary" onClick={onCancel}>
        {t.cancel}
      </button>
      <button type="submit" className="button primary" disabled={busy}>
        {label}
      </button>
    </div>
  );
}
