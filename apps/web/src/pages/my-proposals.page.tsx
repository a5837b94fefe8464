import { Link, useSearchParams } from 'react-router';
import { AddressPager, usePageWithinList } from '../components/address-pager';
import { ErrorSummary } from '../components/error-summary';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { addressPageOf, setAddressPage } from '../lib/address-page';
import { loadProposalRows, PROPOSAL_PAGE_SIZE, ProposalCards } from './proposal-cards';

/**
 * The BKM's home: its proposals, the most recently changed first, their status and where each waits; over
 * the years more than a page, paged in the address (they were cut at fifty, the older ones unreachable).
 */
export function MyProposalsPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const page = addressPageOf(params);
  const { data, error, loading } = useLoad(() => loadProposalRows({ page, pageSize: PROPOSAL_PAGE_SIZE }), [page]);
  const pages = usePageWithinList(data);

  return (
    <section>
      <div className="page-title">
        <h1>{t.myProposals}</h1>
        <Link to="/usulan/baru" className="button primary">
          {t.newProposal}
        </Link>
      </div>
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && data.total === 0 && <p>{t.noProposals}</p>}
      <ProposalCards rows={data?.rows ?? []} label={t.myProposals} />
      <AddressPager page={page} pages={pages} hrefOf={(n) => `?${setAddressPage(new URLSearchParams(params), n)}`} />
    </section>
  );
}
