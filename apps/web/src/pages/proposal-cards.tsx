import { Link, useLocation } from 'react-router';
import type { ListProposals, NamedProposalStage, RequestInputOf } from '@alur/contracts';
import { api, partOf } from '../api/api-client';
import type { ProposalPage, ProposalSummary } from '../api/types';
import { Money } from '../components/money';
import { ProgrammeName } from '../components/programme-name';
import { StatusBadge } from '../components/status-badge';
import { useI18n } from '../i18n/i18n';
import { fromList } from '../lib/return-path';
import { openStageOf } from './waiting-stage';

/** A proposal as a list shows it: with where it waits, while it is in review. */
export interface ProposalRow {
  proposal: ProposalSummary;
  waitingAt?: NamedProposalStage;
}

/** Where a proposal in review waits; none for drafts and decided ones. */
async function withWaitingStage(proposal: ProposalSummary): Promise<ProposalRow> {
  if (!['SUBMITTED', 'IN_REVIEW'].includes(proposal.status)) return { proposal };
  // A list of many: where one cannot be told now, its line is left out (its own page says why).
  const stages = await partOf(api<NamedProposalStage[]>('GET', `/approvals/proposals/${proposal.id}/stages`), []);
  return { proposal, waitingAt: openStageOf(stages ?? []) };
}

/** Each proposal in review asks where it waits: twenty to a page keeps a phone on a village's signal quick. */
export const PROPOSAL_PAGE_SIZE = 20;

/** A page of `GET /proposals` (the caller's region, narrowed by `query`), each proposal with where it waits. */
export async function loadProposalRows(query: RequestInputOf<typeof ListProposals>): Promise<ProposalPage & { rows: ProposalRow[] }> {
  const answer = await api<ProposalPage>('GET', '/proposals', { query });
  return { ...answer, rows: await Promise.all(answer.items.map(withWaitingStage)) };
}

/**
 * Proposals as cards: the title leading to the proposal's page (whose way back returns to this list, its search and
 * page), the status, where it waits, the village and kecamatan, the programme, the amount requested, the last change.
 */
export function ProposalCards({ rows, label }: { rows: readonly ProposalRow[]; label: string }) {
  const { t, dateTime } = useI18n();
  const back = fromList(useLocation());
  return (
    <ul className="cards" aria-label={label}>
      {rows.map(({ proposal: p, waitingAt }) => (
        <li key={p.id} className="card proposal-card" data-testid="proposal-card">
          <h2>
            <Link to={`/usulan/${p.id}`} state={back}>
              {p.title}
            </Link>
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
  );
}
