import { FormEvent, useState } from 'react';
import type { AnswerOf, CreateProgrammeDraft, ProgrammeSummary, PublishProgramme, RequestInputOf } from '@alur/contracts';
import { api } from '../../api/api-client';
import type { AsTyped } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../../components/error-summary';
import { Field } from '../../components/field';
import { useLoad } from '../../components/use-load';
import { useAdminTexts } from '../../i18n/admin-messages';
import { useI18n } from '../../i18n/i18n';
import { useActionKeys } from '../../lib/action-key';
import { parseRupiah, rupiahFieldText, unreadableRupiah } from '../../lib/rupiah';

/** The fields of a programme version that a draft is written with (CreateProgrammeDraft); the rest of a view is its state. */
const DEFINITION_FIELDS = [
  'eligibleRegions',
  'categories',
  'approvalChain',
  'reminderSchedule',
  'tranchePlan',
  'budgetCeiling',
  'requiredDocuments',
  'progressPhotosRequired',
] as const satisfies ReadonlyArray<keyof RequestInputOf<typeof CreateProgrammeDraft>>;
type DefinitionField = (typeof DEFINITION_FIELDS)[number];

interface DraftForm {
  basedOn: string;
  code: string;
  name: string;
  fiscalYear: string;
  maxRequestedAmount: string;
  minSelfHelpPercent: string;
  /** The default pagu per region of the source's level (the level stays as it was). */
  ceilingAmount: string;
}

const amountText = (amount: number | undefined) => (amount === undefined ? '' : rupiahFieldText(amount));

const formFrom = (programme: ProgrammeSummary | undefined): DraftForm => ({
  basedOn: programme?.code ?? '',
  code: programme?.code ?? '',
  name: programme?.latest?.name ?? '',
  fiscalYear: String(programme?.latest?.fiscalYear ?? ''),
  maxRequestedAmount: amountText(programme?.latest?.maxRequestedAmount),
  minSelfHelpPercent: programme?.latest ? String(programme.latest.minSelfHelpShareBp / 100) : '',
  ceilingAmount: amountText(programme?.latest?.budgetCeiling.amount),
});

/**
 * ADMIN: programmes with their versions; publishing a draft; and a new draft version copied from a
 * published one with its name, year and money rules (the most a proposal may ask, the least swadaya, the
 * default pagu) changed; the chain, tranches, documents and the pagu's region level as they were.
 */
export function AdminProgrammesPage() {
  const { t, dateTime } = useI18n();
  const a = useAdminTexts();
  const programmes = useLoad(() => api<ProgrammeSummary[]>('GET', '/programmes'), []);
  const [form, setForm] = useState<DraftForm>();
  const [formError, setFormError] = useState<unknown>();
  const [toPublish, setToPublish] = useState<{ code: string; version: number }>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const keys = useActionKeys();
  const withLatest = (programmes.data ?? []).filter((p) => p.latest);
  const draft = form ?? formFrom(withLatest[0]);
  const source = withLatest.find((p) => p.code === draft.basedOn)?.latest;
  const ceilingLabel = a.defaultCeiling(source?.budgetCeiling.regionLevel ?? 'district');

  const publish = async () => {
    if (!toPublish) return;
    setBusy(true);
    setActionError(undefined);
    setNotice(undefined);
    try {
      await keys.send<AnswerOf<typeof PublishProgramme>>(
        'POST',
        `/programmes/${encodeURIComponent(toPublish.code)}/versions/${toPublish.version}/publish`,
        {},
      );
      setNotice(a.published_(toPublish.code, toPublish.version));
      programmes.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
      setToPublish(undefined);
    }
  };

  const createDraft = async (event: FormEvent) => {
    event.preventDefault();
    if (!source) return;
    setBusy(true);
    setFormError(undefined);
    setNotice(undefined);
    try {
      // The source version's own definition, field by field as it reads it.
      const copied = Object.fromEntries(DEFINITION_FIELDS.filter((f) => source[f] !== undefined).map((f) => [f, source[f]])) as Pick<
        RequestInputOf<typeof CreateProgrammeDraft>,
        DefinitionField
      >;
      // An unreadable amount is sent as typed, so the API names the field and why.
      const body: AsTyped<RequestInputOf<typeof CreateProgrammeDraft>> = {
        ...copied,
        code: draft.code.trim(),
        name: draft.name,
        fiscalYear: Number(draft.fiscalYear),
        maxRequestedAmount: parseRupiah(draft.maxRequestedAmount) ?? draft.maxRequestedAmount,
        minSelfHelpShareBp: Math.round(Number(draft.minSelfHelpPercent) * 100),
        budgetCeiling: { regionLevel: source.budgetCeiling.regionLevel, amount: parseRupiah(draft.ceilingAmount) ?? draft.ceilingAmount },
      };
      const created = await keys.send<AnswerOf<typeof CreateProgrammeDraft>>('POST', '/programmes', body);
      setNotice(a.draftCreated(created.code, created.version));
      setForm(undefined);
      programmes.reload();
    } catch (error) {
      setFormError(error);
    } finally {
      setBusy(false);
    }
  };
  const set = (name: keyof DraftForm) => (event: { target: { value: string } }) => setForm({ ...draft, [name]: event.target.value });
  // Whole rupiah written as people read them (1.000.000.000), as the pagu and the proposal forms take them.
  const rupiahInput = (name: 'maxRequestedAmount' | 'ceilingAmount') => (
    <input inputMode="numeric" value={draft[name]} onChange={set(name)} autoComplete="off" required />
  );
  const rupiahError = (name: 'maxRequestedAmount' | 'ceilingAmount', field: string) =>
    unreadableRupiah(draft[name]) ? t.invalidRupiah : reasonOf(formError, field);

  return (
    <section>
      <h1>{a.programmesTitle}</h1>
      <p className="lead">{a.programmesIntro}</p>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={actionError ?? programmes.error} />
      {programmes.loading && !programmes.data && <p aria-live="polite">{t.loading}</p>}
      {programmes.data?.map((programme) => (
        <section key={programme.code} className="card" aria-labelledby={`programme-${programme.code}`} data-testid="programme">
          <h2 id={`programme-${programme.code}`}>
            {programme.latest?.name ?? programme.code} <span className="muted">{programme.code}</span>
          </h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{a.version}</th>
                  <th scope="col">{a.state}</th>
                  <th scope="col">{a.date}</th>
                  <th scope="col">{a.actions}</th>
                </tr>
              </thead>
              <tbody>
                {programme.versions.map((version) => (
                  <tr key={version.version}>
                    <td>{version.version}</td>
                    <td>
                      <span className={`badge ${version.status === 'PUBLISHED' ? 'badge-ok' : 'badge-warn'}`}>
                        {version.status === 'PUBLISHED' ? a.published : a.draft}
                      </span>
                    </td>
                    <td>{dateTime(version.publishedAt ?? version.createdAt)}</td>
                    <td>
                      {version.status === 'DRAFT' && (
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() => setToPublish({ code: programme.code, version: version.version })}
                          aria-label={`${a.publish} ${programme.code} ${a.version.toLowerCase()} ${version.version}`}
                        >
                          {a.publish}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <ConfirmDialog
        open={toPublish !== undefined}
        title={toPublish ? a.publishQuestion(toPublish.code, toPublish.version) : ''}
        confirmLabel={a.publish}
        busy={busy}
        onConfirm={() => void publish()}
        onCancel={() => setToPublish(undefined)}
      >
        <p>{a.publishWarning}</p>
      </ConfirmDialog>

      {withLatest.length > 0 && (
        <form className="card" onSubmit={createDraft} aria-labelledby="new-draft" noValidate>
          <h2 id="new-draft">{a.newDraft}</h2>
          <p className="muted">{a.newDraftIntro}</p>
          <ErrorSummary
            error={formError}
            fieldLabels={{
              code: a.programmeCode,
              name: a.programmeName,
              fiscalYear: a.fiscalYear,
              maxRequestedAmount: a.maxRequested,
              minSelfHelpShareBp: a.minSelfHelp,
              'budgetCeiling.amount': ceilingLabel,
            }}
          />
          <Field id="basedOn" label={a.basedOn}>
            <select value={draft.basedOn} onChange={(e) => setForm(formFrom(withLatest.find((p) => p.code === e.target.value)))}>
              {withLatest.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.latest!.name} ({p.code})
                </option>
              ))}
            </select>
          </Field>
          <Field id="programme-code" label={a.programmeCode} error={reasonOf(formError, 'code')}>
            <input value={draft.code} onChange={set('code')} autoComplete="off" required />
          </Field>
          <Field id="programme-name" label={a.programmeName} error={reasonOf(formError, 'name')}>
            <input value={draft.name} onChange={set('name')} required />
          </Field>
          <Field id="programme-year" label={a.fiscalYear} error={reasonOf(formError, 'fiscalYear')}>
            <input type="number" inputMode="numeric" value={draft.fiscalYear} onChange={set('fiscalYear')} required />
          </Field>
          <Field id="programme-max" label={a.maxRequested} error={rupiahError('maxRequestedAmount', 'maxRequestedAmount')}>
            {rupiahInput('maxRequestedAmount')}
          </Field>
          <Field id="programme-self-help" label={a.minSelfHelp} error={reasonOf(formError, 'minSelfHelpShareBp')}>
            <input
              type="number"
              inputMode="decimal"
              min={0}
              max={100}
              step={0.01}
              value={draft.minSelfHelpPercent}
              onChange={set('minSelfHelpPercent')}
              required
            />
          </Field>
          <Field
            id="programme-ceiling"
            label={ceilingLabel}
            hint={a.defaultCeilingHint}
            error={rupiahError('ceilingAmount', 'budgetCeiling.amount')}
          >
            {rupiahInput('ceilingAmount')}
          </Field>
          <div className="actions">
            <button type="submit" className="button primary" disabled={busy}>
              {a.createDraft}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
