import { FormEvent, Fragment, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, apiUrl } from '../api/api-client';
import type { AsTyped } from '../api/types';
import type { AnswerOf, BudgetView, ListBudgets, RequestInputOf, SetCeiling } from '@alur/contracts';
import { useSession } from '../auth/session';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DownloadLink } from '../components/download-link';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { FormActions } from '../components/form-actions';
import { Money } from '../components/money';
import { ProgrammeName, useProgrammeNames } from '../components/programme-name';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { useActionKeys } from '../lib/action-key';
import { formatRupiah, parseRupiah, rupiahFieldText, unreadableRupiah } from '../lib/rupiah';

const regionOf = (b: BudgetView) => b.regionName ?? b.regionCode;

const sumOf = (items: BudgetView[], field: 'amount' | 'committed' | 'released' | 'available') =>
  items.reduce((sum, item) => sum + item[field], 0);

/** The ceilings of each programme and year together, in the order listed (by programme, year and region). */
function groupsOf(items: BudgetView[]): Array<{ programCode: string; fiscalYear: number; items: BudgetView[] }> {
  const groups: Array<{ programCode: string; fiscalYear: number; items: BudgetView[] }> = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last?.programCode === item.programCode && last.fiscalYear === item.fiscalYear) last.items.push(item);
    else groups.push({ programCode: item.programCode, fiscalYear: item.fiscalYear, items: [item] });
  }
  return groups;
}

/**
 * BPKAD sets a ceiling's amount, after confirming: raising it funds the proposals waiting for it, in the
 * order they were approved; it cannot go below what is already committed (the API refuses, and says so).
 */
function CeilingForm({ budget, onSaved, onCancel }: { budget: BudgetView; onSaved(notice: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const keys = useActionKeys();
  const [text, setText] = useState(() => rupiahFieldText(budget.amount));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const amount = parseRupiah(text);
  const input = useRef<HTMLInputElement>(null);
  // The form opens below the table: the amount takes the focus, so the keyboard and the screen reader go there.
  useEffect(() => input.current?.focus(), []);

  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      // An unreadable amount is sent as typed, so the API names the field and why.
      // With the amount shown, so a change someone else made meanwhile is refused, not overwritten.
      const change: AsTyped<Pick<RequestInputOf<typeof SetCeiling>, 'amount' | 'expectedAmount'>> = {
        amount: amount ?? text,
        expectedAmount: budget.amount,
      };
      const path = `/budgets/${budget.programCode}/${budget.fiscalYear}/${budget.regionCode}`;
      const answer = await keys.send<AnswerOf<typeof SetCeiling>>('PUT', path, change);
      onSaved(t.ceilingSaved(regionOf(budget), formatRupiah(answer.budget.amount), answer.committedProposalIds.length));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (amount === undefined) void save();
    else setConfirming(true);
  };

  return (
    <form className="card" onSubmit={ask} noValidate aria-labelledby="ceiling-form-title" data-testid="ceiling-form">
      <h2 id="ceiling-form-title">{(budget.programmeDefault ? t.setCeilingOf : t.changeCeilingOf)(regionOf(budget))}</h2>
      <p className="muted">
        <ProgrammeName code={budget.programCode} /> · {budget.fiscalYear} · {t.committed} <Money amount={budget.committed} />
      </p>
      <ErrorSummary error={error} fieldLabels={{ amount: t.newCeiling }} />
      <Field id="ceilingAmount" label={t.newCeiling} error={unreadableRupiah(text) ? t.invalidRupiah : reasonOf(error, 'amount')}>
        <input ref={input} inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)} required />
      </Field>
      <FormActions label={t.saveCeiling} busy={busy} onCancel={onCancel} />
      <ConfirmDialog
        open={confirming}
        title={t.changeCeiling}
        confirmLabel={t.saveCeiling}
        busy={busy}
        onConfirm={() => void save()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {(budget.programmeDefault ? t.ceilingSetConfirm : t.ceilingConfirm)(
            regionOf(budget),
            formatRupiah(budget.amount),
            formatRupiah(amount ?? 0),
          )}
        </p>
        {budget.waiting.count > 0 && (amount ?? 0) > budget.amount && (
          <p>{t.ceilingWaitingNote(budget.waiting.count, formatRupiah(budget.waiting.amount))}</p>
        )}
      </ConfirmDialog>
    </form>
  );
}

/** Ceilings (pagu) with what is committed, released, left, and waiting for budget; BPKAD changes them here. */
export function CeilingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const { data, error, loading, reload } = useLoad(() => api<AnswerOf<typeof ListBudgets>>('GET', '/budgets'), []);
  const [editing, setEditing] = useState<BudgetView>();
  const [notice, setNotice] = useState<string>();
  const [params] = useSearchParams();
  const [programCode, setProgramCode] = useState(() => params.get('program') ?? '');
  const names = useProgrammeNames();
  const programmes = [...new Set(data?.items.map((b) => b.programCode))];
  // A programme with no ceiling here (an old link) filters nothing out.
  const filter = programmes.includes(programCode) ? programCode : '';
  const shown = data?.items.filter((b) => !filter || b.programCode === filter) ?? [];
  // The treasury owns the pagu: the administrator and the inspectorate read the ceilings, BPKAD changes them.
  const mayChange = user?.role === 'BPKAD';
  // BPKAD came from a proposal waiting for budget (`?program=…&wilayah=…`): the form of the pagu it waits under opens, once.
  const askedOpened = useRef(false);
  useEffect(() => {
    if (askedOpened.current || !data) return;
    askedOpened.current = true;
    const asked = data.items.find((b) => b.programCode === params.get('program') && b.regionCode === params.get('wilayah'));
    if (asked && mayChange) setEditing(asked);
  }, [data, params, mayChange]);
  const keyOf = (b: BudgetView) => `${b.programCode}-${b.fiscalYear}-${b.regionCode}`;

  return (
    <section>
      <h1>{t.ceilingsTitle}</h1>
      <p className="muted">{t.ceilingsIntro}</p>
      {/* Every tranche of the region's disbursements, a line each: the inspectorate's working papers, BPKAD's reconciliation with the bank. */}
      <div className="actions">
        <DownloadLink href={apiUrl('/disbursements/xlsx')}>{t.disbursementLedgerXlsx}</DownloadLink>
        <DownloadLink href={apiUrl('/disbursements/csv')}>{t.disbursementLedgerCsv}</DownloadLink>
      </div>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && data.items.length === 0 && <p>{t.noData}</p>}
      {programmes.length > 1 && (
        <div className="card filters">
          <Field id="ceilings-programme" label={t.programme}>
            <select
              value={filter}
              onChange={(e) => {
                setProgramCode(e.target.value);
                setEditing(undefined);
              }}
            >
              <option value="">{t.allProgrammes}</option>
              {programmes.map((code) => (
                <option key={code} value={code}>
                  {names.get(code) ?? code}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      {/* One table per programme and year: the rows of a programme are its regions. */}
      {data && data.items.length > 0 && (
        <div data-testid="ceilings">
          {groupsOf(shown).map((group) => {
            const title = `${names.get(group.programCode) ?? group.programCode} · ${t.year} ${group.fiscalYear}`;
            const editingHere = editing?.programCode === group.programCode && editing.fiscalYear === group.fiscalYear;
            return (
              <Fragment key={`${group.programCode}-${group.fiscalYear}`}>
                <section className="card" aria-label={title}>
                  <h2>{title}</h2>
                  {/* The programme's whole pagu in the regency, to set beside its line in the APBD. */}
                  <p className="muted" data-testid="ceilings-total">
                    {t.ceilingsTotal(
                      formatRupiah(sumOf(group.items, 'amount')),
                      formatRupiah(sumOf(group.items, 'committed')),
                      formatRupiah(sumOf(group.items, 'released')),
                      formatRupiah(sumOf(group.items, 'available')),
                    )}
                  </p>
                  <div className="table-scroll">
                    <table className="stack-table">
                      <thead>
                        <tr>
                          <th scope="col">{t.region}</th>
                          <th scope="col" className="amount">
                            {t.ceiling}
                          </th>
                          <th scope="col" className="amount">
                            {t.committed}
                          </th>
                          <th scope="col" className="amount">
                            {t.released}
                          </th>
                          <th scope="col" className="amount">
                            {t.available}
                          </th>
                          <th scope="col" className="amount">
                            {t.waitingBudget}
                          </th>
                          {mayChange && (
                            <th scope="col">
                              <span className="visually-hidden">{t.changeCeiling}</span>
                            </th>
                          )}
                        </tr>
                      </thead>
                      <tbody>
                        {group.items.map((b) => (
                          <tr key={keyOf(b)} data-testid="ceiling-row">
                            <th scope="row">
                              {regionOf(b)} <span className="muted">{b.regionCode}</span>
                            </th>
                            <td className="amount" data-label={t.ceiling}>
                              <Money amount={b.amount} />
                              {b.programmeDefault && <div className="muted">{t.programmeDefaultCeiling}</div>}
                            </td>
                            <td className="amount" data-label={t.committed}>
                              <Money amount={b.committed} />
                            </td>
                            <td className="amount" data-label={t.released}>
                              <Money amount={b.released} />
                            </td>
                            <td className="amount" data-label={t.available}>
                              <Money amount={b.available} />
                            </td>
                            <td className="amount" data-label={t.waitingBudget}>
                              {b.waiting.count > 0 ? (
                                <>
                                  {b.waiting.count} · <Money amount={b.waiting.amount} />
                                </>
                              ) : (
                                '—'
                              )}
                            </td>
                            {mayChange && (
                              <td>
                                <button
                                  type="button"
                                  className="button secondary"
                                  aria-label={(b.programmeDefault ? t.setCeilingOf : t.changeCeilingOf)(
                                    `${regionOf(b)} ${b.programCode} ${b.fiscalYear}`,
                                  )}
                                  onClick={() => {
                                    setNotice(undefined);
                                    setEditing(b);
                                  }}
                                >
                                  {b.programmeDefault ? t.setCeiling : t.changeCeiling}
                                </button>
                              </td>
                            )}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </section>
                {/* The form opens under its programme's table, not below every programme's. */}
                {editing && editingHere && (
                  <CeilingForm
                    key={keyOf(editing)}
                    budget={editing}
                    onCancel={() => setEditing(undefined)}
                    onSaved={(message) => {
                      setEditing(undefined);
                      setNotice(message);
                      reload();
                    }}
                  />
                )}
              </Fragment>
            );
          })}
        </div>
      )}
    </section>
  );
}
