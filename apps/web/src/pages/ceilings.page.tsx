import { api } from '../api/api-client';
import type { AnswerOf, ListBudgets } from '@alur/contracts';
import { ErrorSummary } from '../components/error-summary';
import { Money } from '../components/money';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';

/** Ceilings (pagu) with what is committed, released, left, and waiting for budget. */
export function CeilingsPage() {
  const { t } = useI18n();
  const { data, error, loading } = useLoad(() => api<AnswerOf<typeof ListBudgets>>('GET', '/budgets'), []);
  return (
    <section>
      <h1>{t.ceilingsTitle}</h1>
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && data.items.length === 0 && <p>{t.noData}</p>}
      {data && data.items.length > 0 && (
        <div className="table-scroll card">
          <table data-testid="ceilings">
            <thead>
              <tr>
                <th scope="col">{t.programme}</th>
                <th scope="col">{t.year}</th>
                <th scope="col">{t.region}</th>
                <th scope="col" className="amount">
                  {t.ceiling}
                </th>
                <th scope="col" className="amount">
                  {t.committed}
                </th>
                <th scope="col" className="amount">
                  {t.released}
                </th>
                <th scope="col" className="amount">
                  {t.available}
                </th>
                <th scope="col" className="amount">
                  {t.waitingBudget}
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((b) => (
                <tr key={`${b.programCode}-${b.fiscalYear}-${b.regionCode}`}>
                  <td>{b.programCode}</td>
                  <td>{b.fiscalYear}</td>
                  <td>
                    {b.regionName ?? b.regionCode} <span className="muted">{b.regionCode}</span>
                  </td>
                  <td className="amount">
                    <Money amount={b.amount} />
                  </td>
                  <td className="amount">
                    <Money amount={b.committed} />
                  </td>
                  <td className="amount">
                    <Money amount={b.released} />
                  </td>
                  <td className="amount">
                    <Money amount={b.available} />
                  </td>
                  <td className="amount">
                    {b.waiting.count > 0 ? (
                      <>
                        {b.waiting.count} · <Money amount={b.waiting.amount} />
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
