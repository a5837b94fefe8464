import { FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import type { AnswerOf, ListActingAppointments, ListInbox } from '@alur/contracts';
import { AddressPager, usePageWithinList } from '../components/address-pager';
import { ErrorSummary } from '../components/error-summary';
import { Field } from '../components/field';
import { Money } from '../components/money';
import { ProgrammeFilter } from '../components/programme-filter';
import { SearchActions } from '../components/search-actions';
import { DueBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { fromInbox, inboxQueryOf, InboxSearch, inboxSearchOf, isFiltered, NO_INBOX_SEARCH, searchParamsOf } from '../lib/inbox-search';
import { nameOf } from '../lib/person-name';

const INBOX_PAGE_SIZE = 10;

/**
 * The official's decisions waiting, oldest first, with due and overdue badges, searchable by title or
 * village and filtered by programme and deadline, ten to a page; the search lives in the address, so
 * the back button and a shared link keep it. Also the Plt/Plh appointments that concern them.
 */
export function InboxPage() {
  const { t, dateTime, date } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = inboxSearchOf(params);
  const inbox = useLoad(
    () => api<AnswerOf<typeof ListInbox>>('GET', '/approvals/inbox', { query: inboxQueryOf(search, INBOX_PAGE_SIZE) }),
    [params.toString()],
  );
  const appointments = useLoad(() => api<AnswerOf<typeof ListActingAppointments>>('GET', '/approvals/acting-appointments'), []);
  const appointmentList = appointments.data ?? [];

  const [text, setText] = useState(search.q);
  useEffect(() => setText(search.q), [search.q]);
  const go = (next: InboxSearch) => setParams(searchParamsOf(next));
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    go({ ...search, q: text.trim(), page: 1 });
  };
  // The count and the page number come with the answer, so they never describe the page before it.
  const total = inbox.data?.total ?? 0;
  const pages = usePageWithinList(inbox.data);
  const filtered = isFiltered(search);

  return (
    <section>
      <h1>{t.inboxTitle}</h1>
      <form className="card filters" role="search" aria-label={t.inboxFilters} onSubmit={onSearch}>
        <Field id="inbox-q" label={t.inboxSearch}>
          <input type="search" name="q" value={text} onChange={(e) => setText(e.target.value)} maxLength={200} />
        </Field>
        <ProgrammeFilter
          id="inbox-programme"
          value={search.programCode}
          onChange={(programCode) => go({ ...search, programCode, page: 1 })}
        />
        <Field id="inbox-due" label={t.deadline}>
          <select name="due" value={search.due} onChange={(e) => go({ ...search, due: e.target.value as InboxSearch['due'], page: 1 })}>
            <option value="">{t.anyDeadline}</option>
            <option value="overdue">{t.overdue}</option>
            <option value="on-time">{t.onTime}</option>
          </select>
        </Field>
        <SearchActions filtered={filtered} onClear={() => go(NO_INBOX_SEARCH)} />
      </form>
      <ErrorSummary error={inbox.error} />
      {inbox.loading && !inbox.data && <p aria-live="polite">{t.loading}</p>}
      {inbox.data && (
        <p className="muted" aria-live="polite" data-testid="inbox-count">
          {inbox.data.items.length === 0
            ? filtered
              ? t.inboxNoMatch
              : t.inboxEmpty
            : `${t.resultCount(total)} · ${t.pageOf(inbox.data.page, pages)}`}
        </p>
      )}
      <ul className="cards" aria-label={t.inboxTitle}>
        {inbox.data?.items.map((item) => (
          <li key={item.stageId} className={`card inbox-item${item.overdue ? ' overdue' : ''}`} data-testid="inbox-item">
            <h2>
              <Link to={`/usulan/${item.proposal.proposalId}`} state={fromInbox(params)}>
                {item.proposal.title}
              </Link>
            </h2>
            <p>
              <DueBadge dueAt={item.dueAt} overdue={item.overdue} />
            </p>
            <dl className="facts">
              <div>
                <dt>{t.village}</dt>
                <dd>{item.proposal.villageName ?? item.proposal.villageCode}</dd>
              </div>
              <div>
                <dt>{t.requested}</dt>
                <dd>
                  <Money amount={item.proposal.requestedAmount} />
                </dd>
              </div>
              <div>
                <dt>{t.waitingAt}</dt>
                <dd>{t.waitingAtStage(t.roles[item.stage.role], item.stage.order, item.stage.count)}</dd>
              </div>
              <div>
                <dt>{t.openedAt}</dt>
                <dd>{dateTime(item.openedAt)}</dd>
              </div>
            </dl>
            {item.actingFor && <p className="badge badge-info">{t.actingFor(nameOf(item.actingFor))}</p>}
          </li>
        ))}
      </ul>
      <AddressPager page={search.page} pages={pages} hrefOf={(page) => `?${searchParamsOf({ ...search, page })}`} />

      {/* Only where there is one: every official was shown an empty "Penunjukan Plt/Plh: Tidak ada" under the inbox. */}
      {appointmentList.length > 0 && (
        <section className="card" data-testid="acting-appointments">
          <h2>{t.actingAppointments}</h2>
          <ul>
            {appointmentList.map((a) => (
              <li key={a.id}>
                {t.actingAppointmentLine(nameOf(a.acting), `${t.roles[a.actingFor.role] ?? a.actingFor.role} (${nameOf(a.actingFor)})`)} ·{' '}
                {date(a.validFrom)} – {date(a.validUntil)}{' '}
                <span className={`badge badge-${a.active ? 'ok' : 'neutral'}`}>{a.active ? t.active : t.inactive}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
