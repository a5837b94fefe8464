import { FormEvent, useRef, useState } from 'react';
import { useSession } from '../auth/session';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';

const MIN_LENGTH = 10;

/**
 * Anyone logged in replaces their password (the one an administrator gave them, at first). The two new
 * entries are checked here before anything is sent; the current one only the gateway can check.
 */
export function PasswordPage() {
  const { t } = useI18n();
  const { changePassword } = useSession();
  const [form, setForm] = useState({ current: '', next: '', again: '' });
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const notice = useRef<HTMLParagraphElement>(null);

  const tooShort = checked && form.next.length < MIN_LENGTH ? t.passwordTooShort : undefined;
  const mismatch = checked && form.again !== form.next ? t.passwordMismatch : undefined;
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => {
    setDone(false);
    setForm((f) => ({ ...f, [name]: e.target.value }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChecked(true);
    setError(undefined);
    if (form.next.length < MIN_LENGTH || form.again !== form.next) return;
    setBusy(true);
    try {
      await changePassword(form.current, form.next);
      setForm({ current: '', next: '', again: '' });
      setChecked(false);
      setDone(true);
      requestAnimationFrame(() => notice.current?.focus());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow">
      <h1>{t.passwordTitle}</h1>
      <p className="lead">{t.passwordIntro}</p>
      {done && (
        <p role="status" className="notice ok" tabIndex={-1} ref={notice}>
          {t.passwordChanged}
        </p>
      )}
      <ErrorSummary error={error} fieldLabels={{ currentPassword: t.currentPassword, newPassword: t.newPassword }} />
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field id="currentPassword" label={t.currentPassword} error={reasonOf(error, 'currentPassword')}>
          <input type="password" autoComplete="current-password" value={form.current} onChange={set('current')} required />
        </Field>
        <Field id="newPassword" label={t.newPassword} hint={t.newPasswordHint} error={tooShort ?? reasonOf(error, 'newPassword')}>
          <input type="password" autoComplete="new-password" value={form.next} onChange={set('next')} required minLength={MIN_LENGTH} />
        </Field>
        <Field id="confirmPassword" label={t.confirmPassword} error={mismatch}>
          <input type="password" autoComplete="new-password" value={form.again} onChange={set('again')} required />
        </Field>
        <button type="submit" className="button primary" disabled={busy}>
          {t.passwordTitle}
        </button>
      </form>
    </section>
  );
}
