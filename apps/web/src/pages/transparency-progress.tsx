import type { AnswerOf, ListPublicProgress } from '@alur/contracts';
import { api } from '../api/api-client';
import { ErrorSummary } from '../components/error-summary';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { useTransparencyTexts } from './transparency-texts';

/** A funded proposal's verified progress reports, newest first, with their photos (served publicly only for accepted reports). */
export function TransparencyProgress({ proposalId, title }: { proposalId: string; title: string }) {
  const { t, date } = useI18n();
  const x = useTransparencyTexts();
  const { data, error, loading } = useLoad(
    () => api<AnswerOf<typeof ListPublicProgress>>('GET', `/public/transparency/proposals/${proposalId}/progress`),
    [proposalId],
  );
  return (
    <div className="public-progress" data-testid="public-progress">
      <h4>{x.progressOf(title)}</h4>
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && data.items.length === 0 && <p>{x.noReports}</p>}
      {data && data.items.length > 0 && (
        <ol className="report-list">
          {data.items.map((report, index) => (
            <li key={index}>
              <p>
                <strong>{x.verifiedPercent(report.physicalProgressPercent)}</strong>
                {report.final && <span className="badge badge-ok">{x.finalReport}</span>}{' '}
                <span className="muted">
                  {x.reportedAt(date(report.reportedAt))}
                  {report.verifiedAt && `, ${x.verifiedAt(date(report.verifiedAt))}`}
                </span>
              </p>
              <p>{report.note}</p>
              {report.photos.length > 0 && (
                <ul className="photo-grid">
                  {report.photos.map((photo, n) => (
                    <li key={photo.url}>
                      <figure>
                        <img
                          src={photo.url}
                          alt={photo.caption || x.photoOf(n + 1, title)}
                          loading="lazy"
                          width={160}
                          height={120}
                          data-testid="public-photo"
                        />
                        {photo.caption && <figcaption>{photo.caption}</figcaption>}
                      </figure>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
