import { Link } from 'react-router';
import { api } from '../api/api-client';
import { useSession } from '../auth/session';
import type { AnswerOf, ListProposalProgressReports } from '@alur/contracts';
import { useI18n } from '../i18n/i18n';
import { useProgressTexts } from '../i18n/progress-messages';
import { nameOf } from '../lib/person-name';
import { ErrorSummary } from './error-summary';
import { Money } from './money';
import { ProgressPhotos, VerificationBadge } from './progress-photos';
import { useLoad } from './use-load';

/**
 * A funded proposal's progress reports, newest first, each with its photos and where its verification
 * stands (with the verifier's note). `refresh` changes when the page reloads, e.g. after a new report.
 */
export function ProgressReportList({ proposalId, title, refresh }: { proposalId: string; title: string; refresh?: unknown }) {
  const { t, dateTime } = useI18n();
  const x = useProgressTexts();
  const { user } = useSession();
  const { data, error } = useLoad(
    () => api<AnswerOf<typeof ListProposalProgressReports>>('GET', `/proposals/${proposalId}/progress-reports`),
    [proposalId, refresh],
  );
  return (
    <section className="card" aria-labelledby="progress-reports-title" data-testid="progress-reports">
      <h2 id="progress-reports-title">{x.reportsTitle}</h2>
      <ErrorSummary error={error} />
      {!data && !error && <p aria-live="polite">{t.loading}</p>}
      {data && data.items.length === 0 && <p>{x.noReports}</p>}
      {/* A verifier reads the reports here and decides them in the queue, where each shows what it is weighed against. */}
      {user?.role === 'VERIFIKATOR' && data?.items.some((report) => report.verificationStatus === 'PENDING') && (
        <p>
          <Link className="button primary" to="/verifikasi">
            {x.verifyInQueue}
          </Link>
        </p>
      )}
      {data && data.items.length > 0 && (
        <ol className="report-list">
          {data.items.map((report) => (
            <li key={report.id} data-testid="progress-report">
              <h3>
                {report.physicalProgressPercent}% · <Money amount={report.amountSpent} />{' '}
                <VerificationBadge status={report.verificationStatus} />
              </h3>
              <p className="muted">
                {x.reported} {x.reportedBy(dateTime(report.reportedAt), nameOf(report.reporter))}
                {report.verifier &&
                  report.verifiedAt &&
                  ` · ${x.verification[report.verificationStatus]} ${x.verifiedBy(nameOf(report.verifier), dateTime(report.verifiedAt))}`}
              </p>
              {report.final && <p>{x.finalReport}</p>}
              {report.note && <p className="quote">{report.note}</p>}
              {report.verificationNote && (
                <p>
                  <strong>{x.verifierSaid}:</strong> {report.verificationNote}
                </p>
              )}
              <ProgressPhotos report={report} title={title} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
