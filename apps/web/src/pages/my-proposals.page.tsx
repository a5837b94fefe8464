import { api, partOf } from '../api/api-client';
import type { NamedProposalStage } from '@alur/contracts';
import type { ProposalPage, ProposalSummary } from '../api/types';
import { AddressPager, usePageWithinList } from '../components/address-pager';
import { ErrorSummary } from '../components/error-summary';
import { Money } from '../components/money';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { ProgrammeName } from '../components/programme-name';
import { useI18n } from '../i18n/i18n';
import { addressPageOf, setAddressPage } from '../lib/address-page';
import { Link, useSearchParams } from 'react-router';
import { openStageOf } from './waiting-stage';

/** Each proposal in review asks where it waits: twenty to a page keeps a phone on a village's signal quick. */
const PAGE_SIZE = 20;

interface Row {
  proposal: ProposalSummary;
  waitingAt?: NamedProposalStage;
}

/** Where a proposal in review waits; none for drafts and decided ones. */
async function withWaitingStage(proposal: ProposalSummary): Promise<Row> {
  if (!['SUBMITTED', 'IN_REVIEW'].includes(proposal.status)) return { proposal };
  // A list of many: where one cannot be told now, its line is left out (its own page says why).
  const stages = await partOf(api<NamedProposalStage[]>('GET', `/approvals/proposals/${proposal.id}/stages`), []);
  return { proposal, waitingAt: openStageOf(stages ?? []) };
}

/**
 * The BKM's home: its proposals, the most recently changed first, their status and where each waits; over
 * the years more than a page, paged in the address (they were cut at fifty, the older ones unreachable).
 */
export function MyProposalsPage() {
  const { t, dateTime } = useI18n();
  const [params] = useSearchParams();
  const page = addressPageOf(params);
  const { data, error, loading } = useLoad(async () => {
    const answer = await api<ProposalPage>('GET', '/proposals', { query: { page, pageSize: PAGE_SIZE } });
    return { ...answer, rows: await Promise.all(answer.items.map(withWaitingStage)) };
  }, [page]);
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
      <ul className="cards" aria-label={t.myProposals}>
        {data?.rows.map(({ proposal: p, waitingAt }) => (
          <li key={p.id} className="card proposal-card" data-testid="proposal-card">
            <h2>
              <Link to={`/usulan/${p.id}`}>{p.title}</Link>
            </h2>
            <dl className="facts">
              <div>
                <dt>{t.statusLabel}</dt>
                <dd>
                  <StatusBadge status={p.status} />
                </dd>
              </div>
              {waitingAt && (
                <div>
                  <dt>{t.waitingAt}</dt>
                  <dd data-testid="waiting-at">{t.waitingAtStage(t.roles[waitingAt.role], waitingAt.stageOrder, waitingAt.stageCount)}</dd>
                </div>
              )}
              <div>
                <dt>{t.village}</dt>
                <dd>
                  {p.villageName ?? p.villageCode}, {t.district} {p.districtName ?? p.districtCode}
                </dd>
              </div>
              <div>
                <dt>{t.programme}</dt>
                <dd>
                  <ProgrammeName code={p.programCode} />
                </dd>
              </div>
              <div>
                <dt>{t.requested}</dt>
                <dd>
                  <Money amount={p.requestedAmount} />
                </dd>
              </div>
              <div>
                <dt>{t.updatedAt('')}</dt>
                <dd>{dateTime(p.updatedAt)}</dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
      <AddressPager page={page} pages={pages} hrefOf={(n) => `?${setAddressPage(new URLSearchParams(params), n)}`} />
    </section>
  );
}
