import { FormEvent, useState } from 'react';
import type {
  ActingAppointmentByUsernames,
  ActingAppointmentView,
  AnswerOf,
  AppointActingOfficial,
  EndActingAppointment,
  ListActingAppointments,
} from '@alur/contracts';
import { api } from '../../api/api-client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../../components/error-summary';
import { Field } from '../../components/field';
import { useLoad } from '../../components/use-load';
import { useAdminTexts } from '../../i18n/admin-messages';
import { useI18n } from '../../i18n/i18n';
import { adminError } from './admin-error';
import { UserSuggestions } from './user-suggestions';
import { useActionKeys } from '../../lib/action-key';
import { instantOfLocalField, REGENCY_ZONE_NAME } from '../../lib/regency-time';

/** ADMIN: Plt/Plh appointments of their region, appointing one (the API holds the limits), and ending one in force. */
export function AdminActingPage() {
  const { t, dateTime } = useI18n();
  const a = useAdminTexts();
  const appointments = useLoad(() => api<AnswerOf<typeof ListActingAppointments>>('GET', '/approvals/acting-appointments'), []);
  const list = appointments.data ?? [];
  const [form, setForm] = useState({ actingUsername: '', forUsername: '', validFrom: '', validUntil: '' });
  const [formError, setFormError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();

  const [toEnd, setToEnd] = useState<ActingAppointmentView>();
  const [endError, setEndError] = useState<unknown>();
  const keys = useActionKeys();

  const end = async (appointment: ActingAppointmentView) => {
    setBusy(true);
    setEndError(undefined);
    setNotice(undefined);
    try {
      await keys.send<AnswerOf<typeof EndActingAppointment>>('POST', `/approvals/acting-appointments/${appointment.id}/end`, {});
      setNotice(a.ended);
      appointments.reload();
    } catch (error) {
      setEndError(adminError(error, { byCode: { appointment_not_in_force: a.notInForceAnymore } }));
    } finally {
      setBusy(false);
      setToEnd(undefined);
    }
  };

  const appoint = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFormError(undefined);
    setNotice(undefined);
    try {
      await keys.send<AnswerOf<typeof AppointActingOfficial>>('POST', '/approvals/acting-appointments', {
        ...form,
        validFrom: instantOfLocalField(form.validFrom),
        validUntil: instantOfLocalField(form.validUntil),
      } satisfies ActingAppointmentByUsernames);
      setNotice(a.appointed);
      setForm({ actingUsername: '', forUsername: '', validFrom: '', validUntil: '' });
      appointments.reload();
    } catch (error) {
      setFormError(error);
    } finally {
      setBusy(false);
    }
  };
  const set = (name: keyof typeof form) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });

  return (
    <section>
      <h1>{a.actingTitle}</h1>
      <p className="lead">{a.actingIntro}</p>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={endError ?? appointments.error} />
      {appointments.loading && !appointments.data && <p aria-live="polite">{t.loading}</p>}
      {appointments.data && list.length === 0 && <p>{t.noData}</p>}
      {list.length > 0 && (
        <div className="table-scroll card">
          <table className="stack-table" data-testid="acting-appointments">
            <thead>
              <tr>
                <th scope="col">{a.actingUser}</th>
                <th scope="col">{a.forUser}</th>
                <th scope="col">{a.validFrom}</th>
                <th scope="col">{a.validUntil}</th>
                <th scope="col">{a.state}</th>
                <th scope="col">{a.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((appointment) => (
                <tr key={appointment.id}>
                  <td data-label={a.actingUser}>{appointment.acting.username}</td>
                  <td data-label={a.forUser}>
                    {appointment.actingFor.username}{' '}
                    <span className="muted">{t.roles[appointment.actingFor.role] ?? appointment.actingFor.role}</span>
                  </td>
                  <td data-label={a.validFrom}>{dateTime(appointment.validFrom)}</td>
                  <td data-label={a.validUntil}>{dateTime(appointment.validUntil)}</td>
                  <td data-label={a.state}>
                    <span className={`badge ${appointment.active ? 'badge-ok' : 'badge-neutral'}`}>
                      {appointment.active ? a.inForce : a.notInForce}
                    </span>
                  </td>
                  <td data-label={a.actions}>
                    {appointment.active && (
                      <button
                        type="button"
                        className="button danger"
                        onClick={() => setToEnd(appointment)}
                        aria-label={`${a.end}: ${appointment.acting.username} → ${appointment.actingFor.username}`}
                      >
                        {a.end}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={toEnd !== undefined}
        title={toEnd ? a.endQuestion(toEnd.acting.username, toEnd.actingFor.username) : ''}
        confirmLabel={a.end}
        busy={busy}
        onConfirm={() => toEnd && void end(toEnd)}
        onCancel={() => setToEnd(undefined)}
      >
        <p>{a.endWarning}</p>
      </ConfirmDialog>
      <form className="card" onSubmit={appoint} aria-labelledby="appoint" noValidate>
        <h2 id="appoint">{a.appoint}</h2>
        <ErrorSummary
          error={formError}
          fieldLabels={{ actingUsername: a.actingUser, forUsername: a.forUser, validFrom: a.validFrom, validUntil: a.validUntil }}
        />
        <Field id="actingUsername" label={a.actingUser} hint={a.userHint} error={reasonOf(formError, 'actingUsername')}>
          <input value={form.actingUsername} onChange={set('actingUsername')} list="acting-suggestions" autoComplete="off" required />
        </Field>
        <UserSuggestions id="acting-suggestions" text={form.actingUsername} />
        <Field id="forUsername" label={a.forUser} hint={a.userHint} error={reasonOf(formError, 'forUsername')}>
          <input value={form.forUsername} onChange={set('forUsername')} list="for-suggestions" autoComplete="off" required />
        </Field>
        <UserSuggestions id="for-suggestions" text={form.forUsername} />
        <Field id="validFrom" label={`${a.validFrom} (${REGENCY_ZONE_NAME})`} error={reasonOf(formError, 'validFrom')}>
          <input type="datetime-local" value={form.validFrom} onChange={set('validFrom')} required />
        </Field>
        <Field id="validUntil" label={`${a.validUntil} (${REGENCY_ZONE_NAME})`} error={reasonOf(formError, 'validUntil')}>
          <input type="datetime-local" value={form.validUntil} onChange={set('validUntil')} required />
        </Field>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            {a.appoint}
          </button>
        </div>
      </form>
    </section>
  );
}
