import { api } from '../api/api-client';
import { ActingAppointment, InboxItem } from '../api/types';
import { ErrorSummary } from '../components/error-summary';
import { Money } from '../components/money';
import { DueBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { Link } from 'react-router';

/** The official's decisions waiting, oldest first, with due and overdue badges; and the Plt/Plh appointments that concern them. */
export function InboxPage() {
  const { t, dateTime, date } = useI18n();
  const inbox = useLoad(() => api<{ items: InboxItem[]; total: number }>('GET', '/approvals/inbox', { query: { pageSize: 100 } }), []);
  const appointments = useLoad(() => api<ActingAppointment[] | { items: ActingAppointment[] }>('GET', '/approvals/acting-appointments'), []);
  const appointmentList = Array.isArray(appointments.data) ? appointments.data : (appointments.data?.items ?? []);

  return (
    <section>
      <h1>{t.inboxTitle}</h1>
      <ErrorSummary error={inbox.error} />
      {inbox.loading && !inbox.data && <p aria-live="polite">{t.loading}</p>}
      {inbox.data && inbox.data.items.length === 0 && <p>{t.inboxEmpty}</p>}
      <ul className="cards" aria-label={t.inboxTitle}>
        {inbox.data?.items.map((item) => (
          <li key={item.stageId} className={`card inbox-item${item.overdue ? ' overdue' : ''}`} data-testid="inbox-item">
            <h2>
              <Link to={`/usulan/${item.proposal.proposalId}`}>{item.proposal.title}</Link>
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
            {item.actingFor && <p className="badge badge-info">{t.actingFor(item.actingFor.username)}</p>}
          </li>
        ))}
      </ul>

      <section className="card">
        <h2>{t.actingAppointments}</h2>
        {appointmentList.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul>
            {appointmentList.map((a) => (
              <li key={a.id}>
                {t.actingAppointmentLine(a.acting.username, `${t.roles[a.actingFor.role] ?? a.actingFor.role} (${a.actingFor.username})`)} · {date(a.validFrom)} – {date(a.validUntil)}{' '}
                <span className={`badge badge-${a.active ? 'ok' : 'neutral'}`}>{a.active ? t.active : t.inactive}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
