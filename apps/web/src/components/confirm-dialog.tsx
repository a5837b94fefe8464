import { ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel?: string;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** A modal question before an act that cannot be undone: the browser's own <dialog>, so focus and Esc behave. */
export function ConfirmDialog({ open, title, children, confirmLabel, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="confirm-title" onCancel={onCancel}>
      <h2 id="confirm-title">{title}</h2>
      {children}
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          {t.cancel}
        </button>
        <button type="button" className="button primary" onClick={onConfirm} disabled={busy} autoFocus>
          {confirmLabel ?? t.confirm}
        </button>
      </div>
    </dialog>
  );
}
