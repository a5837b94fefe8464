import { ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel?: string;
  busy?: boolean;
  /** `danger`: an act with a grave consequence (a rejection), in warning colours with the consequence named. */
  tone?: 'danger';
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question before an act that cannot be undone: the browser's own <dialog>, so focus and Esc behave. */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, tone, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={tone === 'danger' ? 'dialog dialog-danger' : 'dialog'} aria-labelledby="confirm-title" onCancel={onCancel}>
      <h2 id="confirm-title">
        {tone === 'danger' && <span aria-hidden="true">⚠ </span>}
        {title}
      </h2>
      {children}
      <div className="actions">
        {/* Before a grave act, Enter cancels: the safe choice has the focus. */}
        <button type="button" className="button secondary" onClick={onCancel} disabled={busy} autoFocus={tone === 'danger'}>
          {t.cancel}
        </button>
        <button
          type="button"
          className={tone === 'danger' ? 'button danger-solid' : 'button primary'}
          onClick={onConfirm}
          disabled={busy}
          autoFocus={tone !== 'danger'}
        >
          {confirmLabel ?? t.confirm}
        </button>
      </div>
    </dialog>
  );
}
