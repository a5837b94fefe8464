import { FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ProposalStatus } from '@alur/contracts';
import { apiUrl } from '../api/api-client';
import { useSession } from '../auth/session';
import { AddressPager, usePageWithinList } from '../components/address-pager';
import { DownloadLink } from '../components/download-link';
import { ErrorSummary } from '../components/error-summary';
import { Field } from '../components/field';
import { ProgrammeFilter } from '../components/programme-filter';
import { RegionFilter } from '../components/region-filter';
import { SearchActions } from '../components/search-actions';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import {
  isListFiltered,
  NO_PROPOSAL_LIST_SEARCH,
  PROPOSAL_STATUS_CHOICES,
  proposalListFiltersOf,
  ProposalListSearch,
  proposalListQueryOf,
  proposalListSearchOf,
  proposalListSearchParams,
} from '../lib/proposal-list-search';
import { loadProposalRows, PROPOSAL_PAGE_SIZE, ProposalCards } from './proposal-cards';

/**
 * Daftar usulan, for every official (and the administrator and the inspectorate): the proposals of their region,
 * drafts included, the most recently changed first, searched by text and narrowed by status, kecamatan and village,
 * and programme; a page of twenty at a time. The search lives in the address, so the back button, a reload and a
 * shared link keep it; a proposal opened from here leads back to it. Every proposal the search finds, not only the
 * page shown, comes as a CSV file for an inspector's working papers.
 */
export function ProposalListPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const search = proposalListSearchOf(params);
  const key = proposalListSearchParams(search).toString();
  const { data, error, loading } = useLoad(() => loadProposalRows(proposalListQueryOf(search, PROPOSAL_PAGE_SIZE)), [key]);
  const pages = usePageWithinList(data);
  const filtered = isListFiltered(search);

  const [text, setText] = useState(search.q);
  useEffect(() => setText(search.q), [search.q]);
  const go = (next: ProposalListSearch) => setParams(proposalListSearchParams(next));
  // Any change of the search starts again at the first page, with the text as typed.
  const narrow = (change: Partial<ProposalListSearch>) => go({ ...search, q: text.trim(), ...change, page: 1 });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    narrow({});
  };

  return (
    <section>
      <h1>{t.proposalList}</h1>
      <p className="muted">{t.proposalListIntro}</p>
      <form className="card filters" role="search" aria-label={t.proposalListFilters} onSubmit={onSearch}>
        <Field id="list-q" label={t.proposalListSearch}>
          <input type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
        </Field>
        <Field id="list-status" label={t.statusLabel}>
          <select name="status" value={search.status} onChange={(e) => narrow({ status: e.target.value as ProposalStatus | '' })}>
            <option value="">{t.allStatuses}</option>
            {PROPOSAL_STATUS_CHOICES.map((status) => (
              <option key={status} value={status}>
                {t.status[status]}
              </option>
            ))}
          </select>
        </Field>
        <RegionFilter id="list-region" within={user?.regionCode ?? ''} value={search} onChange={(region) => narrow(region)} />
        <ProgrammeFilter id="list-programme" value={search.programCode} onChange={(programCode) => narrow({ programCode })} />
        <SearchActions filtered={filtered} onClear={() => go(NO_PROPOSAL_LIST_SEARCH)} />
      </form>
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && (
        <div className="actions">
          <p className="muted" aria-live="polite" data-testid="proposal-count">
            {data.total > 0 ? t.resultCount(data.total) : filtered ? t.proposalListNoMatch : t.proposalListEmpty}
            {data.total > 0 && pages > 1 && ` · ${t.pageOf(data.page, pages)}`}
          </p>
          {data.total > 0 && (
            <>
              <DownloadLink href={apiUrl('/proposals/xlsx', proposalListFiltersOf(search))}>{t.downloadXlsx}</DownloadLink>
              <DownloadLink href={apiUrl('/proposals/csv', proposalListFiltersOf(search))}>{t.downloadCsv}</DownloadLink>
            </>
          )}
        </div>
      )}
      {data && data.total === 0 && filtered && (
        <p>
          <Link to="/daftar-usulan">{t.showAllProposals}</Link>
        </p>
      )}
      <ProposalCards rows={data?.rows ?? []} label={t.proposalList} />
      <AddressPager page={search.page} pages={pages} hrefOf={(page) => `?${proposalListSearchParams({ ...search, page })}`} />
    </section>
  );
}
