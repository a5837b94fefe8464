import { FormEvent, useState } from 'react';
import type { AddHoliday, AnswerOf, HolidayView, ListHolidays, RemoveHoliday, RequestInputOf } from '@alur/contracts';
import { api } from '../../api/api-client';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../../components/error-summary';
import { Field } from '../../components/field';
import { useLoad } from '../../components/use-load';
import { useAdminTexts } from '../../i18n/admin-messages';
import { useI18n } from '../../i18n/i18n';
import { useActionKeys } from '../../lib/action-key';
import { yearNow } from '../../lib/regency-time';
import { adminError } from './admin-error';

/** ADMIN: the non-working days of a year (national holidays and those added here), adding one and removing one. */
export function AdminHolidaysPage() {
  const { t, date } = useI18n();
  const a = useAdminTexts();
  const [year, setYear] = useState(yearNow);
  const holidays = useLoad(
    () =>
      api<AnswerOf<typeof ListHolidays>>('GET', '/approvals/holidays', { query: { year } satisfies RequestInputOf<typeof ListHolidays> }),
    [year],
  );
  const [form, setForm] = useState<RequestInputOf<typeof AddHoliday>>({ date: '', name: '' });
  const [formError, setFormError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const keys = useActionKeys();
  const [toRemove, setToRemove] = useState<HolidayView>();
  const [removeError, setRemoveError] = useState<unknown>();
  const dayOf = (holiday: HolidayView) => date(`${holiday.date}T12:00:00+07:00`);

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFormError(undefined);
    setRemoveError(undefined);
    setNotice(undefined);
    try {
      await keys.send<AnswerOf<typeof AddHoliday>>('POST', '/approvals/holidays', form);
      setNotice(a.holidayAdded(date(`${form.date}T12:00:00+07:00`)));
      const added = Number(form.date.slice(0, 4));
      setForm({ date: '', name: '' });
      if (added === year) holidays.reload();
      else setYear(added);
    } catch (error) {
      setFormError(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (holiday: HolidayView) => {
    setBusy(true);
    setRemoveError(undefined);
    setNotice(undefined);
    try {
      await keys.send<AnswerOf<typeof RemoveHoliday>>('DELETE', `/approvals/holidays/${holiday.date}`);
      setNotice(a.holidayRemoved(dayOf(holiday)));
      holidays.reload();
    } catch (error) {
      const shown = adminError(error, { gone: a.holidayGoneAlready });
      setRemoveError(shown);
      if (shown !== error) holidays.reload();
    } finally {
      setBusy(false);
      setToRemove(undefined);
    }
  };

  return (
    <section>
      <h1>{a.holidaysTitle}</h1>
      <p className="lead">{a.holidaysIntro}</p>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <div className="field">
        <label htmlFor="holiday-year">{a.year}</label>
        <select id="holiday-year" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {[yearNow() - 1, yearNow(), yearNow() + 1, ...(year > yearNow() + 1 ? [year] : [])].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <ErrorSummary error={removeError ?? holidays.error} />
      {holidays.loading && !holidays.data && <p aria-live="polite">{t.loading}</p>}
      {holidays.data && holidays.data.length === 0 && <p>{t.noData}</p>}
      {holidays.data && holidays.data.length > 0 && (
        <div className="table-scroll card">
          <table data-testid="holidays">
            <thead>
              <tr>
                <th scope="col">{a.date}</th>
                <th scope="col">{a.holidayName}</th>
                <th scope="col">{a.actions}</th>
              </tr>
            </thead>
            <tbody>
              {holidays.data.map((holiday) => (
                <tr key={`${holiday.date}-${holiday.name}`}>
                  <td data-label={a.date}>{dayOf(holiday)}</td>
                  <td data-label={a.holidayName}>{holiday.name}</td>
                  <td data-label={a.actions}>
                    <button
                      type="button"
                      className="button danger"
                      onClick={() => setToRemove(holiday)}
                      aria-label={`${a.removeHoliday}: ${dayOf(holiday)}`}
                    >
                      {a.removeHoliday}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={toRemove !== undefined}
        title={toRemove ? a.removeHolidayQuestion(dayOf(toRemove)) : ''}
        confirmLabel={a.removeHoliday}
        busy={busy}
        onConfirm={() => toRemove && void remove(toRemove)}
        onCancel={() => setToRemove(undefined)}
      >
        <p>
          <strong>{toRemove?.name}</strong>
        </p>
        <p>{a.removeHolidayWarning}</p>
      </ConfirmDialog>
      <form className="card" onSubmit={add} aria-labelledby="add-holiday" noValidate>
        <h2 id="add-holiday">{a.addHoliday}</h2>
        <ErrorSummary error={formError} fieldLabels={{ date: a.date, name: a.holidayName }} />
        <Field id="holiday-date" label={a.date} error={reasonOf(formError, 'date')}>
          <input type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} required />
        </Field>
        <Field id="holiday-name" label={a.holidayName} error={reasonOf(formError, 'name')}>
          <input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
        </Field>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            {a.addHoliday}
          </button>
        </div>
      </form>
    </section>
  );
}
