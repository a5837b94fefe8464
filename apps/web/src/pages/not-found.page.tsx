import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n';

/** An address the console does not have (or not for this reader): said plainly, with a way back. */
export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="card narrow">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundText}</p>
      <p>
        <Link to="/" className="button primary">
          {t.goHome}
        </Link>
      </p>
    </section>
  );
}
