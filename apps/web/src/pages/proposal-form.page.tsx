import { FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  type AnswerOf,
  sameBankAccount,
  type CreateProposal,
  hundredthsToQuantity,
  type ListProgrammes,
  type ListProposals,
  missingForSubmission,
  type NamedProposalStage,
  PROPOSAL_CATEGORIES,
  type ProposalCategory,
  type ProposalDocument,
  type RequestInputOf,
  type SubmitProposal,
  type UpdateProposal,
} from '@alur/contracts';
import { api, ApiError, isTransient, partOf, refusedBeforeSending } from '../api/api-client';
import type { AsTyped, Proposal } from '../api/types';
import { useSession } from '../auth/session';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { useLoad } from '../components/use-load';
import { useScrollClearance } from '../components/use-scroll-clearance';
import { useI18n } from '../i18n/i18n';
import { BudgetRowInput, formatShareBp, parseQuantity, summariseBudget } from '../lib/budget';
import { fingerprintOf, useActionKeys } from '../lib/action-key';
import { deviceDrafts, useDeviceDraft } from '../lib/device-draft';
import { formatRupiah, parseRupiah, rupiahFieldText, unreadableRupiah } from '../lib/rupiah';
import { DocumentsEditor } from '../components/proposal-documents';
import { accountFieldId, BankAccountFields } from '../components/bank-account-fields';
import { ACCOUNT_PARTS, accountTextOf, BankAccountText, isBlankAccount, typedAccount } from '../lib/bank-account';

/** What the device keeps of a form being written; `proposalId` once the server has it as a draft. */
interface KeptDraft {
  form: FormState;
  proposalId?: string;
}

const EMPTY_ROW: BudgetRowInput = { description: '', quantity: '', unit: '', unitPrice: '' };

interface FormState {
  programCode: string;
  title: string;
  category: ProposalCategory | '';
  description: string;
  executorGroup: string;
  households: string;
  poorHouseholds: string;
  rows: BudgetRowInput[];
  selfHelp: string;
  documents: ProposalDocument[];
  /** The BKM's account the grant is paid into (payeeAccount). */
  payee: BankAccountText;
}

const blankForm = (programCode = ''): FormState => ({
  programCode,
  title: '',
  category: '',
  description: '',
  executorGroup: '',
  households: '',
  poorHouseholds: '',
  rows: [{ ...EMPTY_ROW }],
  selfHelp: '',
  documents: [],
  payee: accountTextOf(null),
});

const quantityText = (quantity: number) => String(quantity).replace('.', ',');

function formOf(p: Proposal): FormState {
  return {
    programCode: p.programCode,
    title: p.title,
    category: p.category ?? '',
    description: p.description ?? '',
    executorGroup: p.executorGroup ?? '',
    households: p.beneficiaries ? String(p.beneficiaries.households) : '',
    poorHouseholds: p.beneficiaries ? String(p.beneficiaries.poorHouseholds) : '',
    rows: p.budgetItems.length
      ? p.budgetItems.map((i) => ({
          description: i.description,
          quantity: quantityText(i.quantity),
          unit: i.unit,
          unitPrice: rupiahFieldText(i.unitPrice),
        }))
      : [{ ...EMPTY_ROW }],
    selfHelp: p.selfHelpAmount === null || p.selfHelpAmount === undefined ? '' : rupiahFieldText(p.selfHelpAmount),
    documents: p.documents ?? [],
    payee: accountTextOf(p.payeeAccount),
  };
}

/** What a proposal says besides its programme and village (CreateProposal, UpdateProposal). */
type ProposalContent = AsTyped<Omit<RequestInputOf<typeof UpdateProposal>, 'id' | 'version'>>;
/** The proposal is named in the path. */
type ProposalEdit = AsTyped<Omit<RequestInputOf<typeof UpdateProposal>, 'id'>>;
type Submission = Omit<RequestInputOf<typeof SubmitProposal>, 'id'>;

/** The body the API takes: what is filled in; an unreadable cell is sent as typed, so the API names it. */
/** A RAB row the BKM typed something in: those are sent, in order; an empty row is left out. */
const typedIn = (row: BudgetRowInput) => Boolean(row.description || row.quantity || row.unit || row.unitPrice);

/**
 * What the form says, as a draft's content. A field left empty is sent as null, which empties it: on an
 * edit, a field left out would keep what was saved before, and a BKM who cleared it would find it back.
 */
function contentOf(form: FormState): ProposalContent & { title: string } {
  const int = (text: string) => (text.trim() === '' ? undefined : /^\d+$/.test(text.trim()) ? Number(text.trim()) : text);
  const households = int(form.households);
  const poor = int(form.poorHouseholds);
  return {
    title: form.title,
    category: form.category || null,
    description: form.description || null,
    executorGroup: form.executorGroup || null,
    beneficiaries: households === undefined && poor === undefined ? null : { households: households ?? 0, poorHouseholds: poor ?? 0 },
    budgetItems: form.rows.filter(typedIn).map((r) => {
      const hundredths = parseQuantity(r.quantity);
      return {
        description: r.description,
        quantity: hundredths === undefined ? r.quantity : hundredthsToQuantity(hundredths),
        unit: r.unit,
        unitPrice: parseRupiah(r.unitPrice) ?? r.unitPrice,
      };
    }),
    selfHelpAmount: form.selfHelp.trim() === '' ? 0 : (parseRupiah(form.selfHelp) ?? form.selfHelp),
    documents: form.documents,
    payeeAccount: isBlankAccount(form.payee) ? null : typedAccount(form.payee),
  };
}

/**
 * The API numbers the RAB lines it was sent; the form numbers its rows, the empty ones left out among them. A
 * line's refusal is shown on its own row and named by that row's number (a refusal of line 1 may be row 2's).
 */
function onFormRows(error: unknown, rows: BudgetRowInput[]): unknown {
  if (!(error instanceof ApiError) || error.fieldErrors.length === 0) return error;
  const rowOfLine = rows.flatMap((row, i) => (typedIn(row) ? [i] : []));
  const fieldErrors = error.fieldErrors.map((fieldError) => {
    const line = /^budgetItems\.(\d+)(\..*)?$/.exec(fieldError.field);
    const row = line ? rowOfLine[Number(line[1])] : undefined;
    return row === undefined ? fieldError : { ...fieldError, field: `budgetItems.${row}${line![2] ?? ''}` };
  });
  return new ApiError(error.status, error.message, fieldErrors, error.code);
}

/** The inputs the API's fields are typed in, where the error summary links each refusal to. */
const INPUT_OF_FIELD: Record<string, string> = {
  programCode: 'programCode',
  title: 'title',
  category: 'category',
  description: 'description',
  executorGroup: 'executorGroup',
  beneficiaries: 'households',
  'beneficiaries.households': 'households',
  'beneficiaries.poorHouseholds': 'poorHouseholds',
  budgetItems: 'rab-0-description',
  selfHelpAmount: 'selfHelp',
  documents: 'documentKind',
  payeeAccount: accountFieldId('bankName', 'payeeAccount'),
  ...Object.fromEntries(ACCOUNT_PARTS.map((part) => [`payeeAccount.${part}`, accountFieldId(part, 'payeeAccount')])),
};

/** Where the form shows a refused field: a RAB line's cell on its row (the field as onFormRows numbered it), else its input. */
function inputOfField(field: string): string | undefined {
  const cell = /^budgetItems\.(\d+)\.(description|quantity|unit|unitPrice)$/.exec(field);
  return cell ? `rab-${cell[1]}-${cell[2]}` : INPUT_OF_FIELD[field];
}

/** Writing or revising a proposal: the RAB totals itself and the swadaya share is checked against the programme as the BKM types. */
export function ProposalFormPage({ proposalId }: { proposalId?: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const programmes = useLoad(() => api<AnswerOf<typeof ListProgrammes>>('GET', '/programmes'), []);
  const existing = useLoad(async () => (proposalId ? api<Proposal>('GET', `/proposals/${proposalId}`) : undefined), [proposalId]);
  // Revising a returned proposal: the official's note says what to change (or that it cannot be read now). Only a
  // returned one has it: a draft has no stages to ask for (the approvals service would answer 404).
  const returned = existing.data?.status === 'RETURNED';
  const returnNote = useLoad(async () => {
    if (!proposalId || !returned) return { unavailable: false };
    const stages = await partOf(api<NamedProposalStage[]>('GET', `/approvals/proposals/${proposalId}/stages`), []);
    return { stage: stages && [...stages].reverse().find((s) => s.status === 'RETURNED'), unavailable: stages === undefined };
  }, [proposalId, returned]);
  // What was being written here before (a reload, an expired session, a dropped connection) comes back.
  const draftKey = user ? `proposal.${user.id}.${proposalId ?? 'new'}` : undefined;
  const [kept] = useState(() => (draftKey ? deviceDrafts.read<KeptDraft>(draftKey) : undefined));
  // A form kept before it had a field (the payee account) gets it empty.
  const [form, setForm] = useState<FormState>(() => ({ ...blankForm(), ...kept?.form }));
  // A new proposal the server already has as a draft (its first submit was refused): saved again, not created twice.
  const [created, setCreated] = useState<{ id: string; version?: number } | undefined>(
    kept?.proposalId ? { id: kept.proposalId } : undefined,
  );
  const [restored, setRestored] = useState(Boolean(kept));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // Saving (and submitting) this content is one action, with one Idempotency-Key across clicks (ActionKeys);
  // `savedAs` is the content the server has already saved in it, so a click after a failed submit only submits.
  const keys = useActionKeys();
  const [savedAs, setSavedAs] = useState<{ content: string; proposal: { id: string; version: number } }>();
  const filledFromServer = useRef(Boolean(kept));
  const keptNow = useMemo<KeptDraft>(() => ({ form, proposalId: created?.id }), [form, created?.id]);
  const forgetDraft = useDeviceDraft(draftKey, keptNow, filledFromServer.current || !proposalId);

  useEffect(() => {
    // The server's content fills the form once; reloading it later (for a new version) keeps what was typed.
    if (existing.data && !filledFromServer.current) {
      filledFromServer.current = true;
      setForm(formOf(existing.data));
    }
  }, [existing.data]);
  useEffect(() => {
    const first = programmes.data?.find((p) => p.latest);
    // Only while nothing is chosen: on a slow phone the person may pick a programme before this runs.
    if (!proposalId && first && !form.programCode) setForm((f) => (f.programCode ? f : { ...f, programCode: first.code }));
  }, [programmes.data, proposalId, form.programCode]);

  // A new proposal starts from the account the BKM named in its latest submitted proposal: a BKM's account seldom
  // changes, and typing it again is where a digit goes wrong. The form says where it came from, to be checked.
  const previousAccount = useLoad(async () => {
    if (proposalId || kept) return undefined;
    const { items } = await api<AnswerOf<typeof ListProposals>>('GET', '/proposals', { query: { pageSize: 20 } });
    const latest = items.find((p) => p.status !== 'DRAFT');
    if (!latest) return undefined;
    const proposal = await api<Proposal>('GET', `/proposals/${latest.id}`);
    return proposal.payeeAccount ? { account: proposal.payeeAccount, title: proposal.title } : undefined;
  }, [proposalId]);
  const [accountFilledFrom, setAccountFilledFrom] = useState<NonNullable<typeof previousAccount.data>>();
  useEffect(() => {
    const previous = previousAccount.data;
    // Once, and only into fields nothing was typed in yet.
    if (!previous || accountFilledFrom || !isBlankAccount(form.payee)) return;
    setAccountFilledFrom(previous);
    setForm((f) => ({ ...f, payee: accountTextOf(previous.account) }));
  }, [previousAccount.data, accountFilledFrom, form.payee]);
  const accountAsFilled = accountFilledFrom && sameBankAccount(typedAccount(form.payee), accountFilledFrom.account);

  const summaryBox = useRef<HTMLDivElement>(null);
  useScrollClearance(summaryBox);

  const programme = programmes.data?.find((p) => p.code === form.programCode)?.latest ?? null;
  const summary = useMemo(
    () =>
      summariseBudget(
        form.rows,
        form.selfHelp,
        programme ? { maxRequestedAmount: programme.maxRequestedAmount, minSelfHelpShareBp: programme.minSelfHelpShareBp } : undefined,
      ),
    [form.rows, form.selfHelp, programme],
  );

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setRow = (index: number, key: keyof BudgetRowInput, value: string) =>
    setForm((f) => ({ ...f, rows: f.rows.map((r, i) => (i === index ? { ...r, [key]: value } : r)) }));

  const save = async (andSubmit: boolean) => {
    // Submitting needs every field the API's submission asks for: all of them are told at once, and nothing is
    // sent (a new proposal's draft asks only for its title, so the API would have named the rest one click later).
    const missing = andSubmit ? missingForSubmission(contentOf(form)) : [];
    if (missing.length) {
      setError(onFormRows(refusedBeforeSending(missing), form.rows));
      return;
    }
    setBusy(true);
    setError(undefined);
    // The action: this content, on this proposal as the form read it. A click after one that met no
    // answer sends each step again under the same key, and the gateway answers a step already done
    // with its first answer: no second draft, no second submission.
    const action = { form, proposal: existing.data ? { id: existing.data.id, version: existing.data.version } : null };
    const idempotencyKey = keys.keyFor(action);
    const content = fingerprintOf(action);
    try {
      let saved: { id: string; version: number };
      if (savedAs?.content === content) {
        saved = savedAs.proposal;
      } else {
        if (existing.data) {
          const edit: ProposalEdit = { ...contentOf(form), version: existing.data.version };
          saved = await api<AnswerOf<typeof UpdateProposal>>('PATCH', `/proposals/${existing.data.id}`, { body: edit, idempotencyKey });
        } else if (created) {
          const version = created.version ?? (await api<Proposal>('GET', `/proposals/${created.id}`)).version;
          const edit: ProposalEdit = { ...contentOf(form), version };
          saved = await api<AnswerOf<typeof UpdateProposal>>('PATCH', `/proposals/${created.id}`, { body: edit, idempotencyKey });
        } else {
          const draft: AsTyped<RequestInputOf<typeof CreateProposal>> = {
            ...contentOf(form),
            programCode: form.programCode,
            villageCode: user!.regionCode,
          };
          saved = await api<AnswerOf<typeof CreateProposal>>('POST', '/proposals', { body: draft, idempotencyKey });
        }
        setSavedAs({ content, proposal: { id: saved.id, version: saved.version } });
        setCreated(existing.data ? undefined : { id: saved.id, version: saved.version });
      }
      if (andSubmit)
        await api<AnswerOf<typeof SubmitProposal>>('POST', `/proposals/${saved.id}/submit`, {
          body: { version: saved.version } satisfies Submission,
          idempotencyKey,
        });
      keys.succeeded();
      forgetDraft();
      void navigate(`/usulan/${saved.id}?pesan=${andSubmit ? 'diajukan' : 'tersimpan'}`);
    } catch (e) {
      setError(onFormRows(e, form.rows));
      // A refusal is an answer: read the proposal again (its version may have moved on). After no answer
      // the form stays as it was, so that clicking again is the same action with the same requests.
      if (existing.data && !isTransient(e)) existing.reload();
    } finally {
      setBusy(false);
    }
  };
  const discardKept = () => {
    forgetDraft();
    setRestored(false);
    void navigate(proposalId ? `/usulan/${proposalId}` : created ? `/usulan/${created.id}` : '/usulan', { replace: true });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(true);
  };

  const fieldLabels = {
    programCode: t.programme,
    title: t.title,
    category: t.category,
    description: t.description,
    executorGroup: t.executorGroup,
    beneficiaries: t.households,
    'beneficiaries.households': t.households,
    'beneficiaries.poorHouseholds': t.poorHouseholds,
    budgetItems: t.rab,
    selfHelpAmount: t.swadaya,
    requestedAmount: t.requested,
    documents: t.documents,
    payeeAccount: t.payeeAccount,
    'payeeAccount.bankName': t.bankName,
    'payeeAccount.accountNumber': t.accountNumber,
    'payeeAccount.accountHolder': t.accountHolder,
  };
  // The payee account as a whole ("is required before submission") is told on its group; a part on its own field.
  const payeeError = (part: keyof BankAccountText) => reasonOf(error, `payeeAccount.${part}`);
  const payeeGroupError = ACCOUNT_PARTS.some(payeeError) ? undefined : reasonOf(error, 'payeeAccount');
  // A programme asking no swadaya has no minimum to show; an empty RAB has no share to judge yet.
  const minShare = programme && programme.minSelfHelpShareBp > 0 ? formatShareBp(programme.minSelfHelpShareBp) : undefined;
  const shareJudged = summary.total > 0 ? (summary.shareMet ? 'ok' : 'bad') : undefined;

  return (
    <section>
      <h1>{proposalId ? t.editProposal : t.newProposal}</h1>
      {restored && (
        <div className="notice ok" role="status">
          <p>{t.draftRestored}</p>
          <button type="button" className="button secondary" onClick={discardKept}>
            {t.discardDraft}
          </button>
        </div>
      )}
      {existing.data?.status === 'RETURNED' && returnNote.data?.stage?.note && (
        <div className="notice warn" data-testid="return-note">
          <strong>
            {t.returnedNote} ({t.roles[returnNote.data.stage.role]}):
          </strong>{' '}
          {returnNote.data.stage.note}
        </div>
      )}
      {existing.data?.status === 'RETURNED' && returnNote.data?.unavailable && (
        <div role="alert" className="notice warn" data-testid="return-note-unavailable">
          <p>{t.returnNoteUnavailable}</p>
          <button type="button" className="button secondary" onClick={returnNote.reload}>
            {t.loadAgain}
          </button>
        </div>
      )}
      <ErrorSummary error={error ?? programmes.error ?? existing.error} fieldLabels={fieldLabels} anchorOf={inputOfField} />
      <form onSubmit={onSubmit} noValidate className="proposal-form">
        <div className="grid-2">
          <Field id="programCode" label={t.programme} error={reasonOf(error, 'programCode')}>
            <select value={form.programCode} onChange={(e) => set('programCode', e.target.value)} disabled={Boolean(proposalId)}>
              {programmes.data
                ?.filter((p) => p.latest)
                .map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.latest!.name}
                  </option>
                ))}
            </select>
          </Field>
          <Field id="category" label={t.category} error={reasonOf(error, 'category')}>
            <select value={form.category} onChange={(e) => set('category', e.target.value as ProposalCategory)}>
              <option value="">—</option>
              {(programme?.categories ?? PROPOSAL_CATEGORIES).map((c) => (
                <option key={c} value={c}>
                  {t.categories[c]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field id="title" label={t.title} error={reasonOf(error, 'title')}>
          <input value={form.title} onChange={(e) => set('title', e.target.value)} maxLength={200} required />
        </Field>
        <Field id="description" label={t.description} error={reasonOf(error, 'description')}>
          <textarea value={form.description} onChange={(e) => set('description', e.target.value)} rows={4} />
        </Field>
        <div className="grid-3">
          <Field id="executorGroup" label={t.executorGroup} error={reasonOf(error, 'executorGroup')}>
            <input value={form.executorGroup} onChange={(e) => set('executorGroup', e.target.value)} />
          </Field>
          <Field
            id="households"
            label={t.households}
            error={
              reasonOf(error, 'beneficiaries.households') ??
              (reasonOf(error, 'beneficiaries') && !reasonOf(error, 'beneficiaries.poorHouseholds')
                ? reasonOf(error, 'beneficiaries')
                : undefined)
            }
          >
            <input inputMode="numeric" value={form.households} onChange={(e) => set('households', e.target.value)} />
          </Field>
          <Field id="poorHouseholds" label={t.poorHouseholds} error={reasonOf(error, 'beneficiaries.poorHouseholds')}>
            <input inputMode="numeric" value={form.poorHouseholds} onChange={(e) => set('poorHouseholds', e.target.value)} />
          </Field>
        </div>

        <fieldset className="rab">
          <legend>{t.rab}</legend>
          {reasonOf(error, 'budgetItems') && !form.rows.some((_, i) => reasonOf(error, `budgetItems.${i}`)) && (
            <p className="field-error" id="budgetItems-error">
              {reasonOf(error, 'budgetItems')}
            </p>
          )}
          <table className="rab-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t.rabDescription}</th>
                <th scope="col">{t.rabQuantity}</th>
                <th scope="col">{t.rabUnit}</th>
                <th scope="col">{t.rabUnitPrice}</th>
                <th scope="col">{t.rabAmount}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.removeLine(0)}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {form.rows.map((row, i) => {
                const figures = summary.rows[i];
                const qtyError =
                  reasonOf(error, `budgetItems.${i}.quantity`) ??
                  (row.quantity && figures.quantityHundredths === undefined ? t.invalidQuantity : undefined);
                const priceError = unreadableRupiah(row.unitPrice) ? t.invalidRupiah : reasonOf(error, `budgetItems.${i}.unitPrice`);
                const descError = reasonOf(error, `budgetItems.${i}.description`);
                const unitError = reasonOf(error, `budgetItems.${i}.unit`);
                const cell = (
                  key: keyof BudgetRowInput,
                  label: string,
                  cellError: string | undefined,
                  props: Record<string, string> = {},
                ) => (
                  <td data-label={label}>
                    <input
                      id={`rab-${i}-${key}`}
                      aria-label={`${label} ${i + 1}`}
                      value={row[key]}
                      onChange={(e) => setRow(i, key, e.target.value)}
                      aria-invalid={cellError ? true : undefined}
                      aria-describedby={cellError ? `rab-${i}-${key}-error` : undefined}
                      {...props}
                    />
                    {cellError && (
                      <span className="field-error" id={`rab-${i}-${key}-error`}>
                        {cellError}
                      </span>
                    )}
                  </td>
                );
                return (
                  <tr key={i}>
                    <td data-label="#">{i + 1}</td>
                    {cell('description', t.rabDescription, descError)}
                    {cell('quantity', t.rabQuantity, qtyError, { inputMode: 'decimal' })}
                    {cell('unit', t.rabUnit, unitError)}
                    {cell('unitPrice', t.rabUnitPrice, priceError, { inputMode: 'numeric' })}
                    <td data-label={t.rabAmount} className="amount" data-testid={`rab-amount-${i}`}>
                      {figures.amount === undefined ? '—' : formatRupiah(figures.amount)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="button link"
                        aria-label={t.removeLine(i + 1)}
                        onClick={() =>
                          setForm((f) => ({ ...f, rows: f.rows.length > 1 ? f.rows.filter((_, j) => j !== i) : [{ ...EMPTY_ROW }] }))
                        }
                      >
                        ✕
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <button
            type="button"
            className="button secondary"
            onClick={() => setForm((f) => ({ ...f, rows: [...f.rows, { ...EMPTY_ROW }] }))}
          >
            {t.addLine}
          </button>
        </fieldset>

        <DocumentsEditor documents={form.documents} onChange={(documents) => set('documents', documents)} />

        <Field
          id="selfHelp"
          label={t.swadaya}
          error={unreadableRupiah(form.selfHelp) ? t.invalidRupiah : reasonOf(error, 'selfHelpAmount')}
        >
          <input inputMode="numeric" value={form.selfHelp} onChange={(e) => set('selfHelp', e.target.value)} />
        </Field>

        <div className="budget-summary" aria-live="polite" data-testid="budget-summary" ref={summaryBox}>
          <dl className="facts">
            <div>
              <dt>{t.budgetTotal}</dt>
              <dd data-testid="budget-total">{formatRupiah(summary.total)}</dd>
            </div>
            <div>
              <dt>{t.swadayaShare}</dt>
              <dd data-testid="swadaya-share" className={shareJudged}>
                {formatShareBp(summary.selfHelpShareBp)}
                {minShare && <small> ({t.swadayaMinimum(minShare)})</small>}
              </dd>
            </div>
            <div>
              <dt>{t.requested}</dt>
              <dd data-testid="requested-amount" className={summary.withinMaximum ? '' : 'bad'}>
                {formatRupiah(summary.requestedAmount)}
              </dd>
            </div>
          </dl>
          <ul className="rule-warnings">
            {summary.swadayaExceedsTotal && <li>{t.swadayaOverTotal}</li>}
            {!summary.swadayaExceedsTotal && summary.total > 0 && !summary.shareMet && minShare && (
              <li>{t.swadayaBelowMinimum(minShare)}</li>
            )}
            {!summary.withinMaximum && programme && <li>{t.overMaximum(formatRupiah(programme.maxRequestedAmount))}</li>}
          </ul>
        </div>

        <fieldset
          className={`payee-account${payeeGroupError ? ' field-invalid' : ''}`}
          aria-describedby={payeeGroupError ? 'payeeAccount-hint payeeAccount-error' : 'payeeAccount-hint'}
          data-testid="payee-account"
        >
          <legend>{t.payeeAccount}</legend>
          <p className="hint" id="payeeAccount-hint">
            {t.payeeAccountHint}
          </p>
          {accountAsFilled && (
            <p className="notice info" role="status" data-testid="account-from-previous">
              {t.payeeAccountFromPrevious(accountFilledFrom.title)}
            </p>
          )}
          {payeeGroupError && (
            <p className="field-error" id="payeeAccount-error">
              {payeeGroupError}
            </p>
          )}
          <div className="grid-3">
            <BankAccountFields idPrefix="payeeAccount" value={form.payee} onChange={(payee) => set('payee', payee)} errorOf={payeeError} />
          </div>
        </fieldset>

        <div className="actions">
          <button type="button" className="button secondary" disabled={busy} onClick={() => void save(false)}>
            {t.saveDraft}
          </button>
          <button type="submit" className="button primary" disabled={busy}>
            {t.saveAndSubmit}
          </button>
        </div>
      </form>
    </section>
  );
}
