import { api } from '../api/api-client';
import { TransparencyReport } from '../api/types';
import { ErrorSummary } from '../components/error-summary';
import { Money } from '../components/money';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';

/** Keterbukaan informasi publik: no login. Per kecamatan and village, the approved proposals and their money. */
export function TransparencyPage() {
  const { t, dateTime } = useI18n();
  const { data, error, loading } = useLoad(() => api<TransparencyReport>('GET', '/public/transparency'), []);

  return (
    <section className="transparency">
      <div className="page-title">
        <h1>{t.transparencyTitle}</h1>
        <a className="button secondary" href="/api/v1/public/transparency/csv" download="transparansi.csv">
          {t.downloadCsv}
        </a>
      </div>
      <p className="lead">{t.transparencyIntro}</p>
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && (
        <>
          <p className="muted">{t.updatedAt(dateTime(data.generatedAt))}</p>
          <dl className="facts card totals" data-testid="transparency-totals">
            <div>
              <dt>{t.approvedProposals}</dt>
              <dd>{data.totals.proposals}</dd>
            </div>
            <div>
              <dt>{t.approvedAmount}</dt>
              <dd>
                <Money amount={data.totals.amount} />
              </dd>
            </div>
            <div>
              <dt>{t.committed}</dt>
              <dd>
                <Money amount={data.totals.committed} />
              </dd>
            </div>
            <div>
              <dt>{t.released}</dt>
              <dd data-testid="total-released">
                <Money amount={data.totals.released} />
              </dd>
            </div>
          </dl>
          {data.districts.length === 0 && <p>{t.noData}</p>}
          {data.districts.map((district) => (
            <section key={district.code} className="card district" aria-labelledby={`district-${district.code}`}>
              <h2 id={`district-${district.code}`}>
                {t.district} {district.name}
              </h2>
              <p className="muted">
                {district.proposals} {t.approvedProposals.toLowerCase()} · {t.committed} <Money amount={district.committed} /> · {t.released}{' '}
                <Money amount={district.released} />
              </p>
              {district.villages.map((village) => (
                <div key={village.code} className="village">
                  <h3>{village.name}</h3>
                  <div className="table-scroll">
                    <table className="stack-table">
                      <thead>
                        <tr>
                          <th scope="col">{t.title}</th>
                          <th scope="col" className="amount">{t.approvedAmount}</th>
                          <th scope="col" className="amount">{t.committed}</th>
                          <th scope="col" className="amount">{t.released}</th>
                          <th scope="col">{t.progress}</th>
                          <th scope="col">{t.statusLabel}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {village.items.map((item) => (
                          <tr key={item.proposalId} data-testid="transparency-row">
                            <td data-label={t.title}>
                              {item.title} <span className="muted">{item.programCode}</span>
                            </td>
                            <td data-label={t.approvedAmount} className="amount"><Money amount={item.amount} /></td>
                            <td data-label={t.committed} className="amount"><Money amount={item.committed} /></td>
                            <td data-label={t.released} className="amount"><Money amount={item.released} /></td>
                            <td data-label={t.progress}>
                              {item.progressPercent === null ? '—' : (
                                <progress max={100} value={item.progressPercent} aria-label={`${t.progress} ${item.progressPercent}%`}>
                                  {item.progressPercent}%
                                </progress>
                              )}
                            </td>
                            <td data-label={t.statusLabel}>
                              <StatusBadge status={item.status} />
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              ))}
            </section>
          ))}
        </>
      )}
    </section>
  );
}
