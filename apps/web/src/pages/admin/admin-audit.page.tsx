import { FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { z } from 'zod';
import { AUDIT_CONTEXTS, type AuditContext, type AuditTrailHttpQuerySchema, type AuditTrailPage } from '@alur/contracts';
import { api, apiUrl } from '../../api/api-client';
import { DownloadLink } from '../../components/download-link';
import { ErrorSummary, reasonOf } from '../../components/error-summary';
import { Field } from '../../components/field';
import { useLoad } from '../../components/use-load';
import { useAuditTexts } from '../../i18n/audit-messages';
import { useI18n } from '../../i18n/i18n';
import { instantOfLocalField } from '../../lib/regency-time';
import { AuditRecords } from './audit-records';

type Query = z.input<typeof AuditTrailHttpQuerySchema>;

interface Filters {
  context: AuditContext;
  action: string;
  entityType: string;
  entityId: string;
  /** Every record of the chosen service about one proposal, whatever its object (a stage, a tranche). */
  proposalId: string;
  actor: string;
  /** datetime-local values, the regency's clock. */
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { context: 'proposals', action: '', entityType: '', entityId: '', proposalId: '', actor: '', from: '', to: '' };

/** The request for the filters as the form holds them: empty fields left out, times as instants. */
function queryOf(filters: Filters): Query {
  const text = (value: string) => value.trim() || undefined;
  return {
    context: filters.context,
    action: text(filters.action),
    entityType: text(filters.entityType),
    entityId: text(filters.entityId),
    proposalId: text(filters.proposalId),
    actor: text(filters.actor),
    from: filters.from ? instantOfLocalField(filters.from) : undefined,
    to: filters.to ? instantOfLocalField(filters.to) : undefined,
  };
}

/**
 * AUDIT_READING_ROLES (the administrator and the inspectorate): who changed what, when, from what to what, in one
 * service's audit trail; newest first, older on request. It only reads.
 */
export function AdminAuditPage() {
  const { t } = useI18n();
  const w = useAuditTexts();
  const [form, setForm] = useState<Filters>(NO_FILTERS);
  // A new object on every "Show", so the same filters read the trail again.
  const [applied, setApplied] = useState<Filters>(NO_FILTERS);
  const first = useLoad(() => api<AuditTrailPage>('GET', '/audit', { query: queryOf(applied) }), [applied]);
  // The older pages read for the filters applied; those of earlier filters are not shown.
  const [older, setOlder] = useState<{ filters: Filters; page: AuditTrailPage }>();
  const [olderError, setOlderError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const more = older?.filters === applied ? older.page : undefined;
  const items = first.data ? [...first.data.items, ...(more?.items ?? [])] : [];
  const nextBefore = more ? more.nextBefore : (first.data?.nextBefore ?? null);
  const error = first.error ?? olderError;
  const set = (field: keyof Filters) => (event: { target: { value: string } }) => setForm({ ...form, [field]: event.target.value });

  const show = (event: FormEvent) => {
    event.preventDefault();
    setOlderError(undefined);
    setApplied({ ...form });
  };

  const loadOlder = async () => {
    if (nextBefore === null) return;
    setBusy(true);
    setOlderError(undefined);
    try {
      const page = await api<AuditTrailPage>('GET', '/audit', { query: { ...queryOf(applied), before: nextBefore } satisfies Query });
      setOlder({ filters: applied, page: { items: [...(more?.items ?? []), ...page.items], nextBefore: page.nextBefore } });
    } catch (caught) {
      setOlderError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{w.title}</h1>
      <p className="lead">{w.intro}</p>
      <p>
        <Link to="/admin/jejak-audit/keutuhan">{w.integrityLink}</Link>
      </p>
      <form className="card filters" role="search" aria-label={w.filters} onSubmit={show} noValidate>
        <Field id="audit-context" label={w.context} error={reasonOf(error, 'context')}>
          <select value={form.context} onChange={(e) => setForm({ ...form, context: e.target.value as AuditContext })}>
            {AUDIT_CONTEXTS.map((context) => (
              <option key={context} value={context}>
                {w.contexts[context]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="audit-action" label={w.action} hint={w.actionHint} error={reasonOf(error, 'action')}>
          <input value={form.action} onChange={set('action')} list="audit-actions" autoComplete="off" spellCheck={false} />
        </Field>
        <datalist id="audit-actions">
          {Object.keys(w.actions).map((code) => (
            <option key={code} value={code}>
              {w.actions[code]}
            </option>
          ))}
        </datalist>
        <Field id="audit-actor" label={w.actor} hint={w.actorHint} error={reasonOf(error, 'actor')}>
          <input value={form.actor} onChange={set('actor')} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="audit-entity-type" label={w.entityType} error={reasonOf(error, 'entityType')}>
          <input value={form.entityType} onChange={set('entityType')} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="audit-entity-id" label={w.entityId} error={reasonOf(error, 'entityId')}>
          <input value={form.entityId} onChange={set('entityId')} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="audit-proposal" label={w.proposalId} hint={w.proposalIdHint} error={reasonOf(error, 'proposalId')}>
          <input value={form.proposalId} onChange={set('proposalId')} autoComplete="off" spellCheck={false} />
        </Field>
        <Field id="audit-from" label={w.from} error={reasonOf(error, 'from')}>
          <input type="datetime-local" value={form.from} onChange={set('from')} />
        </Field>
        <Field id="audit-to" label={w.to} error={reasonOf(error, 'to')}>
          <input type="datetime-local" value={form.to} onChange={set('to')} />
        </Field>
        <div className="actions">
          <button type="submit" className="button primary">
            {w.show}
          </button>
        </div>
      </form>
      <ErrorSummary
        error={error}
        fieldLabels={{
          context: w.context,
          action: w.action,
          actor: w.actor,
          entityType: w.entityType,
          entityId: w.entityId,
          proposalId: w.proposalId,
          from: w.from,
          to: w.to,
        }}
      />
      {first.loading && !first.data && <p aria-live="polite">{t.loading}</p>}
      {first.data && items.length === 0 && <p data-testid="no-audit-records">{w.none}</p>}
      {items.length > 0 && (
        <>
          <div className="actions">
            <p className="muted" aria-live="polite">{`${w.contexts[applied.context]} · ${w.count(items.length)}`}</p>
            <DownloadLink href={apiUrl('/audit/csv', queryOf(applied))}>{w.downloadCsv}</DownloadLink>
          </div>
          <AuditRecords records={items} linkProposals />
          <nav className="pager" aria-label={t.pages}>
            {nextBefore !== null ? (
              <button type="button" className="button secondary" disabled={busy} onClick={() => void loadOlder()}>
                {w.olderRecords}
              </button>
            ) : (
              <span className="muted">{w.noMore}</span>
            )}
          </nav>
        </>
      )}
    </section>
  );
}
