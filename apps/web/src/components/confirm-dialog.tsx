import { ReactNode, useEffect, useId, useRef } from 'react';
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
  const safeChoice = useRef<HTMLButtonElement>(null);
  // A page may hold several (a proposal's withdrawal and its decision): each is named by its own title.
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Before a grave act, Enter cancels: the safe choice has the focus, even where a field comes first (a
      // withdrawal's reason). Otherwise the browser's choice stands: the first field, else the first button.
      if (tone === 'danger') safeChoice.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open, tone]);
  return (
    <dialog ref={ref} className={tone === 'danger' ? 'dialog dialog-danger' : 'dialog'} aria-labelledby={titleId} onCancel={onCancel}>
      <h2 id={titleId}>
        {tone === 'danger' && <span aria-hidden="true">⚠ </span>}
        {title}
      </h2>
      {children}
      <div className="actions">
        <button ref={safeChoice} type="button" className="button secondary" onClick={onCancel} disabled={busy}>
          {t.cancel}
        </button>
        <button type="button" className={tone === 'danger' ? 'button danger-solid' : 'button primary'} onClick={onConfirm} disabled={busy}>
          {confirmLabel ?? t.confirm}
        </button>
      </div>
    </dialog>
  );
}
