import { FormEvent, Fragment, useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import type { TransparencyPage as TransparencyPageAnswer } from '../api/types';
import { AddressPager, usePageWithinList } from '../components/address-pager';
import { ErrorSummary } from '../components/error-summary';
import { Money } from '../components/money';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import {
  transparencyFileHref,
  TransparencySearch,
  transparencyQueryOf,
  transparencySearchOf,
  transparencySearchParams,
} from '../lib/transparency-search';
import { TransparencyMap } from './transparency-map';
import { TransparencyProgress } from './transparency-progress';
import { useTransparencyTexts } from './transparency-texts';

const PAGE_SIZE = 10;

/**
 * Keterbukaan informasi publik: no login. The approved proposals and their money, searched by title or
 * village and filtered by kecamatan and village (all kept in the address), a page at a time; the
 * villages with funded proposals on a plan; each proposal's verified progress with its photos.
 */
export function TransparencyPage() {
  const { t, dateTime } = useI18n();
  const x = useTransparencyTexts();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const search = transparencySearchOf(params);
  const key = transparencySearchParams(search).toString();
  const { data, error, loading } = useLoad(
    () => api<TransparencyPageAnswer>('GET', '/public/transparency', { query: transparencyQueryOf(search, PAGE_SIZE) }),
    [key],
  );
  const [draft, setDraft] = useState(search);
  const [open, setOpen] = useState<string>();
  useEffect(() => setDraft(search), [key]); // eslint-disable-line react-hooks/exhaustive-deps

  const go = (next: TransparencySearch) => navigate(`?${transparencySearchParams(next)}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void go({ ...draft, q: draft.q.trim(), page: 1 });
  };
  const districts = data?.map ?? [];
  const villages = districts.find((d) => d.code === draft.districtCode)?.villages.filter((v) => v.proposals > 0) ?? [];
  const pages = usePageWithinList(data);
  const filtered = Boolean(search.q || search.districtCode);

  return (
    <section className="transparency">
      <div className="page-title">
        <h1>{t.transparencyTitle}</h1>
        <span className="actions">
          <a className="button secondary" href={transparencyFileHref(search, 'xlsx')} download="transparansi.xlsx">
            {t.downloadXlsx}
          </a>
          <a className="button secondary" href={transparencyFileHref(search, 'csv')} download="transparansi.csv">
            {t.downloadCsv}
          </a>
        </span>
      </div>
      <p className="lead">{t.transparencyIntro}</p>

      <form className="card search-form" role="search" onSubmit={submit} aria-label={x.search}>
        <div className="field">
          <label htmlFor="transparency-q">{x.search}</label>
          <p className="hint" id="transparency-q-hint">
            {x.searchHint}
          </p>
          <input
            id="transparency-q"
            type="search"
            value={draft.q}
            onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            aria-describedby="transparency-q-hint"
          />
        </div>
        <div className="field">
          <label htmlFor="transparency-district">{t.district}</label>
          <select
            id="transparency-district"
            value={draft.districtCode}
            onChange={(e) => setDraft({ ...draft, districtCode: e.target.value, villageCode: '' })}
          >
            <option value="">{t.allDistricts}</option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="transparency-village">{t.village}</label>
          <select
            id="transparency-village"
            value={draft.villageCode}
            disabled={!draft.districtCode}
            onChange={(e) => setDraft({ ...draft, villageCode: e.target.value })}
          >
            <option value="">{t.allVillages}</option>
            {villages.map((v) => (
              <option key={v.code} value={v.code}>
                {v.name}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button primary">
            {x.searchButton}
          </button>
          {filtered && (
            <Link className="button secondary" to="?">
              {x.clear}
            </Link>
          )}
        </div>
      </form>

      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && (
        <>
          <p className="muted">{t.updatedAt(dateTime(data.generatedAt))}</p>
          <p aria-live="polite" data-testid="transparency-found">
            {x.found(data.total)}
          </p>
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
              {district.villages.map((village) => (
                <div key={village.code} className="village">
                  <h3>{village.name}</h3>
                  <div className="table-scroll">
                    <table className="stack-table">
                      <thead>
                        <tr>
                          <th scope="col">{t.title}</th>
                          <th scope="col" className="amount">
                            {t.approvedAmount}
                          </th>
                          <th scope="col" className="amount">
                            {t.committed}
                          </th>
                          <th scope="col" className="amount">
                            {t.released}
                          </th>
                          <th scope="col">{t.progress}</th>
                          <th scope="col">{t.statusLabel}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {village.items.map((item) => (
                          <Fragment key={item.proposalId}>
                            <tr data-testid="transparency-row">
                              <td data-label={t.title}>
                                {item.title} <span className="muted">{item.programmeName}</span>
                              </td>
                              <td data-label={t.approvedAmount} className="amount">
                                <Money amount={item.amount} />
                              </td>
                              <td data-label={t.committed} className="amount">
                                <Money amount={item.committed} />
                              </td>
                              <td data-label={t.released} className="amount">
                                <Money amount={item.released} />
                              </td>
                              <td data-label={t.progress}>
                                {item.progressPercent === null ? (
                                  '—'
                                ) : (
                                  <progress max={100} value={item.progressPercent} aria-label={`${t.progress} ${item.progressPercent}%`}>
                                    {item.progressPercent}%
                                  </progress>
                                )}
                                <button
                                  type="button"
                                  className="button link"
                                  aria-expanded={open === item.proposalId}
                                  aria-controls={open === item.proposalId ? `progress-${item.proposalId}` : undefined}
                                  onClick={() => setOpen(open === item.proposalId ? undefined : item.proposalId)}
                                >
                                  {open === item.proposalId ? x.hideProgress : x.showProgress}
                                </button>
                              </td>
                              <td data-label={t.statusLabel}>
                                <StatusBadge status={item.status} />
                              </td>
                            </tr>
                            {open === item.proposalId && (
                              <tr>
                                <td colSpan={6} id={`progress-${item.proposalId}`}>
                                  <TransparencyProgress proposalId={item.proposalId} title={item.title} />
                                </td>
                              </tr>
                            )}
                          </Fragment>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              ))}
            </section>
          ))}
          <AddressPager page={search.page} pages={pages} hrefOf={(page) => `?${transparencySearchParams({ ...search, page })}`} />
          <TransparencyMap districts={data.map} seats={data.seats} selected={search.villageCode || search.districtCode} />
        </>
      )}
    </section>
  );
}
