import { Link } from 'react-router';
import type { ProposalAuditTrail } from '@alur/contracts';
import { api, apiUrl } from '../../api/api-client';
import type { Proposal } from '../../api/types';
import { DownloadLink } from '../../components/download-link';
import { ErrorSummary } from '../../components/error-summary';
import { useLoad } from '../../components/use-load';
import { useAuditTexts } from '../../i18n/audit-messages';
import { useI18n } from '../../i18n/i18n';
import { AuditRecords } from './audit-records';

interface Loaded {
  trail: ProposalAuditTrail;
  /** Undefined where the proposal could not be read now: the page names it by its id. */
  title: string | undefined;
}

async function load(id: string): Promise<Loaded> {
  const path = encodeURIComponent(id);
  const title = api<Proposal>('GET', `/proposals/${path}`).then(
    (proposal) => proposal.title,
    () => undefined,
  );
  const trail = await api<ProposalAuditTrail>('GET', `/audit/proposals/${path}`);
  return { trail, title: await title };
}

/**
 * AUDIT_READING_ROLES (the administrator, the inspectorate and through it the BPK's examiners), following one grant
 * from its draft to its last tranche: everything every service recorded about one proposal, oldest first, with the
 * service that recorded each; a service that did not answer is named.
 */
export function AdminProposalAuditPage({ id }: { id: string }) {
  const { t } = useI18n();
  const w = useAuditTexts();
  const { data, error, loading, reload } = useLoad(() => load(id), [id]);
  const items = data?.trail.items ?? [];

  return (
    <section>
      <p>
        <Link to="/admin/jejak-audit">← {w.title}</Link>
      </p>
      <h1>{w.proposalTrailTitle}</h1>
      <p className="lead">{w.proposalTrailIntro}</p>
      {data && (
        <p data-testid="audited-proposal">
          {w.proposalTrailOf}: <Link to={`/usulan/${id}`}>{data.title ?? id}</Link>
        </p>
      )}
      <ErrorSummary error={error} />
      {loading && !data && !error && <p aria-live="polite">{t.loading}</p>}
      {data && data.trail.unavailable.length > 0 && (
        <div role="alert" className="notice warn" data-testid="trail-unavailable">
          {data.trail.unavailable.map((context) => (
            <p key={context}>{w.contextUnavailable(w.contexts[context])}</p>
          ))}
          <button type="button" className="button secondary" onClick={reload}>
            {t.loadAgain}
          </button>
        </div>
      )}
      {data && items.length === 0 && <p data-testid="no-audit-records">{w.proposalTrailNone}</p>}
      {items.length > 0 && (
        <>
          <div className="actions">
            <p className="muted" aria-live="polite">
              {w.proposalTrailCount(items.length)}
            </p>
            <DownloadLink href={apiUrl(`/audit/proposals/${encodeURIComponent(id)}/csv`)}>{w.proposalTrailCsv}</DownloadLink>
          </div>
          <AuditRecords records={items} byService />
        </>
      )}
    </section>
  );
}
