import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/api-client';
import type { ReleasesClosingView as ReleasesClosing, RequestInputOf, SetReleasesClosing } from '@alur/contracts';
import type { CarryOverReport } from '../api/types';
import { useSession } from '../auth/session';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { Money } from '../components/money';
import { ProgrammeName } from '../components/programme-name';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { useProgressTexts } from '../i18n/progress-messages';
import { useActionKeys } from '../lib/action-key';
import { instantOfLocalField, localFieldValue, REGENCY_ZONE_NAME, yearNow } from '../lib/regency-time';

/** BPKAD moves the date its fiscal year closes for releases: entered on the regency's clock, sent as the instant it names. */
function ClosingForm({ closing, onSaved }: { closing: ReleasesClosing; onSaved(view: ReleasesClosing): void }) {
  const x = useProgressTexts();
  const [at, setAt] = useState(() => localFieldValue(closing.releasesCloseAt));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const keys = useActionKeys();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const change = { releasesCloseAt: instantOfLocalField(at) } satisfies Omit<RequestInputOf<typeof SetReleasesClosing>, 'fiscalYear'>;
      onSaved(await keys.send<ReleasesClosing>('PUT', `/fiscal-years/${closing.fiscalYear}/closing`, change));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <ErrorSummary error={error} fieldLabels={{ releasesCloseAt: x.closingInput(REGENCY_ZONE_NAME) }} />
      <Field id="releasesCloseAt" label={x.closingInput(REGENCY_ZONE_NAME)} error={reasonOf(error, 'releasesCloseAt')}>
        <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
      </Field>
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {x.setClosing}
        </button>
      </div>
    </form>
  );
}

/** A fiscal year of the regency: when it closes for releases, and what is committed and not released (SiLPA). */
export function FiscalYearPage() {
  const { t, deadline } = useI18n();
  const x = useProgressTexts();
  const { user } = useSession();
  const thisYear = yearNow();
  const [year, setYear] = useState(thisYear);
  const [notice, setNotice] = useState<string>();
  const { data, error, loading, reload } = useLoad(() => api<CarryOverReport>('GET', `/fiscal-years/${year}/carry-over`), [year]);
  // A closing is a deadline: the default, midnight at the year's turn, reads as 31 Des, 24.00 of the year it closes.
  const closingText = (closing: ReleasesClosing) => `${deadline(closing.releasesCloseAt)} ${REGENCY_ZONE_NAME}`;

  return (
    <section>
      <div className="page-title">
        <h1>{x.fiscalYearTitle(year)}</h1>
      </div>
      <div className="field">
        <label htmlFor="fiscal-year">{t.year}</label>
        <select
          id="fiscal-year"
          value={year}
          onChange={(e) => {
            setNotice(undefined);
            setYear(Number(e.target.value));
          }}
        >
          {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && (
        <>
          <section className="card" aria-labelledby="closing-title">
            <h2 id="closing-title">{x.closingTitle}</h2>
            <p>{x.closingIntro}</p>
            <dl className="facts">
              <div>
                <dt>{x.closingAt}</dt>
                <dd data-testid="closing-at">
                  {closingText(data)}
                  {data.isDefault && <span className="muted"> {x.closingDefault}</span>}
                </dd>
              </div>
              <div>
                <dt>{x.status}</dt>
                <dd>
                  <span className={`badge ${data.closed ? 'badge-bad' : 'badge-ok'}`}>{data.closed ? x.closingClosed : x.closingOpen}</span>
                </dd>
              </div>
            </dl>
            {user?.role === 'BPKAD' && (
              <ClosingForm
                key={`${data.fiscalYear}-${data.releasesCloseAt}`}
                closing={data}
                onSaved={(closing) => {
                  setNotice(x.closingSaved(deadline(closing.releasesCloseAt), REGENCY_ZONE_NAME));
                  reload();
                }}
              />
            )}
          </section>

          <section className="card" aria-labelledby="carry-over-title">
            <h2 id="carry-over-title">{x.carryOverTitle}</h2>
            <p>{x.carryOverIntro}</p>
            <dl className="facts">
              <div>
                <dt>{x.carryOverTotal}</dt>
                <dd data-testid="carry-over-total">
                  <Money amount={data.total} />
                </dd>
              </div>
            </dl>
            {data.items.length === 0 ? (
              <p>{x.noCarryOver}</p>
            ) : (
              <>
                <h3 id="by-programme-title">{x.byProgramme}</h3>
                <div className="table-scroll" role="region" aria-labelledby="by-programme-title" tabIndex={0}>
                  <table data-testid="carry-over-programmes">
                    <thead>
                      <tr>
                        <th scope="col">{x.programme}</th>
                        <th scope="col" className="amount">
                          {x.trancheCount}
                        </th>
                        <th scope="col" className="amount">
                          {x.amount}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.byProgramme.map((p) => (
                        <tr key={p.programCode}>
                          <td>
                            <ProgrammeName code={p.programCode} />
                          </td>
                          <td className="amount">{p.tranches}</td>
                          <td className="amount">
                            <Money amount={p.amount} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <h3 id="carry-over-items-title">{x.tranchesList}</h3>
                <div className="table-scroll" role="region" aria-labelledby="carry-over-items-title" tabIndex={0}>
                  <table data-testid="carry-over-items">
                    <thead>
                      <tr>
                        <th scope="col">{x.proposal}</th>
                        <th scope="col">{x.village}</th>
                        <th scope="col">{x.tranche}</th>
                        <th scope="col">{x.status}</th>
                        <th scope="col" className="amount">
                          {x.amount}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((item) => (
                        <tr key={`${item.disbursementId}-${item.trancheNumber}`} data-testid="carry-over-item">
                          <td>
                            <Link to={`/usulan/${item.proposalId}`}>{item.title}</Link>
                          </td>
                          <td>{x.villageOf(item.villageName ?? item.villageCode, item.districtName ?? item.districtCode)}</td>
                          <td>{item.trancheNumber}</td>
                          <td>
                            <StatusBadge status={item.trancheStatus} />
                          </td>
                          <td className="amount">
                            <Money amount={item.amount} />
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}
