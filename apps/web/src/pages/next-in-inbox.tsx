import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { AnswerOf, ListInbox } from '@alur/contracts';
import { api } from '../api/api-client';
import { Money } from '../components/money';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { useOfficialsTexts } from '../i18n/officials-messages';
import { fromInbox, inboxPathOf, inboxQueryOf, inboxSearchOf, isFiltered } from '../lib/inbox-search';

/**
 * Shown where the decision panel was once the official decided: that it was saved (here, where they
 * look, not at the page's top), how many more wait for them and the oldest of them, under the search
 * they opened this proposal from (the whole inbox when they came from a message's link), so that a
 * deadline day's inbox is worked through one proposal after another. Focus moves here, since the
 * button that had it is gone.
 */
export function NextInInbox({ decidedProposalId, from }: { decidedProposalId: string; from: URLSearchParams | undefined }) {
  const { t } = useI18n();
  const texts = useOfficialsTexts();
  const params = from ?? new URLSearchParams();
  const search = { ...inboxSearchOf(params), page: 1 };
  const searched = isFiltered(search);
  // Two, because the proposal just decided may wait for this official again (acting for the next stage).
  const waiting = useLoad(() => api<AnswerOf<typeof ListInbox>>('GET', '/approvals/inbox', { query: inboxQueryOf(search, 2) }), []);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const others = waiting.data?.items.filter((item) => item.proposal.proposalId !== decidedProposalId);
  const next = others?.[0];
  const left = waiting.data && others ? waiting.data.total - (waiting.data.items.length - others.length) : 0;

  return (
    <section className="card next-in-inbox no-print" aria-labelledby="next-in-inbox-title" data-testid="next-in-inbox">
      <div role="status">
        <h2 id="next-in-inbox-title" ref={heading} tabIndex={-1}>
          {t.decided}
        </h2>
      </div>
      {waiting.data && <p aria-live="polite">{next ? texts.stillWaiting(left, searched) : texts.nothingLeft(searched)}</p>}
      {next && (
        <p>
          {texts.nextWaiting}: <strong>{next.proposal.title}</strong> · {next.proposal.villageName ?? next.proposal.villageCode} ·{' '}
          <Money amount={next.proposal.requestedAmount} />
        </p>
      )}
      <div className="actions">
        {next && (
          <Link className="button primary" to={`/usulan/${next.proposal.proposalId}`} state={fromInbox(params)}>
            {texts.openNext}
          </Link>
        )}
        <Link className="button secondary" to={inboxPathOf(params)}>
          {texts.backToInbox}
        </Link>
      </div>
      {waiting.loading && !waiting.data && <p aria-live="polite">{t.loading}</p>}
    </section>
  );
}
