import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/api-client';
import { useSession } from '../auth/session';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { consoleMessage } from '../i18n/server-errors';

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // Logged in, the login route moves on to the page asked for, or the user's home.
      await login(username.trim(), password);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? consoleMessage(t.loginFailed) : e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow">
      <h1>{t.loginTitle}</h1>
      <p className="lead">{t.tagline}</p>
      <ErrorSummary error={error} fieldLabels={{ username: t.username, password: t.password }} />
      <form onSubmit={submit} noValidate>
        <Field id="username" label={t.username} error={reasonOf(error, 'username')}>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </Field>
        <Field id="password" label={t.password} error={reasonOf(error, 'password')}>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        <button type="submit" className="button primary" disabled={busy}>
          {t.loginButton}
        </button>
      </form>
      <p>
        <Link to="/transparansi">{t.publicPageLink}</Link>
      </p>
    </section>
  );
}
