import { Link } from 'react-router';
import type { AuditContext, AuditRecordView } from '@alur/contracts';
import { useAuditTexts } from '../../i18n/audit-messages';
import { useI18n } from '../../i18n/i18n';
import { useProgressTexts } from '../../i18n/progress-messages';
import { changedFields } from './audit-changes';
import { proposalAuditPath } from './proposal-audit-path';

/** A record as a table shows it; `context` names the service whose trail holds it, where records of several are shown together. */
export type ShownAuditRecord = AuditRecordView & { context?: AuditContext };

/** The proposal a record is about, where its object names one: the proposal itself, or its approval chain (`<id>#<submission>`). */
function proposalOf(record: AuditRecordView): string | undefined {
  if (record.entityType === 'proposal') return record.entityId;
  if (record.entityType === 'approval-chain') return record.entityId.split('#')[0];
  return undefined;
}

/**
 * Audit records as a table (on a phone, a card each): when, who (and for whom, as Plt/Plh), what in words with
 * its code, on which object, from which status to which and which fields changed, the whole before and after
 * under Rincian. `byService` adds the service that recorded each; `linkProposals` lets a record about a proposal
 * lead to its page and to its whole trail (pointless where every record is about the same proposal).
 */
export function AuditRecords({
  records,
  byService = false,
  linkProposals = false,
}: {
  records: ShownAuditRecord[];
  byService?: boolean;
  linkProposals?: boolean;
}) {
  const w = useAuditTexts();
  return (
    <div className="table-scroll card">
      <table className="stack-table audit-table" data-testid="audit-records">
        <thead>
          <tr>
            <th scope="col">{w.when}</th>
            {byService && <th scope="col">{w.context}</th>}
            <th scope="col">{w.who}</th>
            <th scope="col">{w.what}</th>
            <th scope="col">{w.which}</th>
            <th scope="col">{w.change}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => (
            <AuditRow key={`${record.context ?? ''}:${record.id}`} record={record} byService={byService} linkProposals={linkProposals} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({ record, byService, linkProposals }: { record: ShownAuditRecord; byService: boolean; linkProposals: boolean }) {
  const { t, dateTime } = useI18n();
  const w = useAuditTexts();
  const role = (code: string) => t.roles[code] ?? code;
  const progress = useProgressTexts();
  // A proposal's, stage's or tranche's status, or a progress report's verification (PENDING, ACCEPTED, SENT_BACK).
  const status = (code: string | null) =>
    code === null ? '—' : (t.status[code] ?? (progress.verification as Record<string, string>)[code] ?? code);
  const words = w.actions[record.action] ?? t.timelineKinds[record.action];
  const changes = changedFields(record.before, record.after);
  const hasContent = record.before != null || record.after != null;
  const proposalId = linkProposals ? proposalOf(record) : undefined;
  return (
    <tr data-testid="audit-row" data-action={record.action}>
      <td data-label={w.when}>{dateTime(record.occurredAt)}</td>
      {byService && <td data-label={w.context}>{record.context ? w.contexts[record.context] : '—'}</td>}
      <td data-label={w.who}>
        {record.actor ? (
          <>
            <strong>{record.actor.displayName ?? record.actor.username}</strong>
            <br />
            {/* The username too: it is what the record keeps, and what the trail's filter and its CSV name. */}
            <span className="muted">
              {record.actor.username} · {role(record.actor.role)}
            </span>
            {record.actor.actingFor && (
              <>
                <br />
                <span>
                  {w.actingAs(record.actor.actingFor.displayName ?? record.actor.actingFor.username, role(record.actor.actingFor.role))}
                </span>
              </>
            )}
          </>
        ) : (
          <span className="muted">{w.system}</span>
        )}
      </td>
      <td data-label={w.what}>
        {words ? (
          <>
            <span>{words}</span>
            <br />
            <code className="muted">{record.action}</code>
          </>
        ) : (
          <code>{record.action}</code>
        )}
      </td>
      <td data-label={w.which}>
        <span>{w.entityTypes[record.entityType] ?? record.entityType}</span>
        <br />
        {proposalId ? (
          <>
            <Link to={`/usulan/${proposalId}`}>{record.entityId}</Link>
            <br />
            <Link to={proposalAuditPath(proposalId)}>{w.proposalTrailLink}</Link>
          </>
        ) : (
          <code>{record.entityId}</code>
        )}
      </td>
      <td data-label={w.change}>
        {(record.fromStatus !== null || record.toStatus !== null) && (
          <p>
            {status(record.fromStatus)} → {status(record.toStatus)}
          </p>
        )}
        {changes.length > 0 && (
          <ul>
            {changes.map((change) => (
              <li key={change.field}>
                <code>{change.field}</code>: {change.before} → {change.after}
              </li>
            ))}
          </ul>
        )}
        {hasContent && (
          <details>
            <summary>{w.details}</summary>
            <dl>
              <dt>{w.before}</dt>
              <dd>{record.before == null ? '—' : <pre>{JSON.stringify(record.before, null, 2)}</pre>}</dd>
              <dt>{w.after}</dt>
              <dd>{record.after == null ? '—' : <pre>{JSON.stringify(record.after, null, 2)}</pre>}</dd>
            </dl>
          </details>
        )}
      </td>
    </tr>
  );
}
