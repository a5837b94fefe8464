import { FormEvent, useRef, useState } from 'react';
import { api, ApiError } from '../api/api-client';
import type {
  AnswerOf,
  DisbursementView as Disbursement,
  ListDisbursements,
  PrepareSpm,
  ReleaseTranche,
  RequestInputOf,
  ReturnSpm,
  SpmView,
  TrancheView as Tranche,
} from '@alur/contracts';
import { RefusalCode, sameBankAccount, Uuid } from '@alur/contracts';
import { useSession } from '../auth/session';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { accountFieldId, BankAccountFields } from '../components/bank-account-fields';
import { FormActions } from '../components/form-actions';
import { Money } from '../components/money';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { useProgressTexts } from '../i18n/progress-messages';
import { formatRupiah } from '../lib/rupiah';
import { nameOf } from '../lib/person-name';
import { ActionKeys, useActionKeys } from '../lib/action-key';
import { Link, useSearchParams } from 'react-router';
import { AddressPager, usePageWithinList } from '../components/address-pager';
import { addressPageOf, setAddressPage } from '../lib/address-page';
import { instantOfLocalField, localFieldValue } from '../lib/regency-time';
import { ACCOUNT_PARTS, accountLine, accountTextOf, typedAccount } from '../lib/bank-account';

/** Proposals with a tranche waiting, to a page: a deadline day's queue is long, and each card carries its own actions. */
const RELEASES_PAGE_SIZE = 20;

/** One step of a release under way: preparing the SPM, authorising it, or returning it. */
interface Pending {
  step: 'prepare' | 'authorise' | 'return';
  disbursement: Disbursement;
  tranche: Tranche;
  /** Which opening of a step form this is: a new one starts blank. */
  opening: number;
}

/** What each step sends: the tranche is named in the path, the Idempotency-Key goes as a header. */
type SpmPreparation = Pick<RequestInputOf<typeof PrepareSpm>, 'sp2dNumber' | 'bankAccount' | 'accountChangeNote'>;
type TrancheRelease = Pick<RequestInputOf<typeof ReleaseTranche>, 'sp2dNumber' | 'releasedAt'>;
type SpmReturn = Pick<RequestInputOf<typeof ReturnSpm>, 'reason'>;

interface StepProps {
  pending: Pending;
  /** The page's action keys: asking again (a double click, a retry, the dialog opened anew) prepares or releases once. */
  keys: ActionKeys;
  onDone(message: string): void;
  onCancel(): void;
  /** The step was refused because the tranche moved on meanwhile (overtaken): the page shows it as it stands. */
  onOutdated(): void;
}

/**
 * Refusals that mean another BPKAD official (or the same one on another device) took a step on the tranche meanwhile:
 * prepared its SPM, returned it, prepared it anew or released the tranche. Other 409s (an SP2D number already used,
 * the fiscal year closed) are the person's to read and act on in the form.
 */
const OVERTAKEN: ReadonlySet<string> = new Set([
  RefusalCode.SpmAlreadyPrepared,
  RefusalCode.SpmNotPrepared,
  RefusalCode.SpmChanged,
  RefusalCode.TrancheAlreadyReleased,
]);
const overtaken = (e: unknown) => e instanceof ApiError && e.status === 409 && e.code !== undefined && OVERTAKEN.has(e.code);

function trancheUrl({ disbursement, tranche }: Pending): string {
  return `/disbursements/${disbursement.id}/tranches/${tranche.number}`;
}

/**
 * The tranche of the same proposal last paid out, whose SPM's account a later tranche's SPM starts from:
 * the BKM's account does not change between tranches, and typing its number again invites a mistake.
 * A returned SPM's account is not offered: it may be why it was returned.
 */
function lastPaidTranche(disbursement: Disbursement, before: number): Tranche | undefined {
  return disbursement.tranches
    .filter((earlier) => earlier.number < before && earlier.status === 'RELEASED' && earlier.spm)
    .sort((a, b) => b.number - a.number)[0];
}

/**
 * The SPM last returned for a tranche, and why: the official preparing the next one reads what to correct,
 * the one authorising it whether it was.
 */
function ReturnedSpmNote({ returned }: { returned: NonNullable<Tranche['returnedSpm']> }) {
  const { t, dateTime } = useI18n();
  return (
    <div className="notice warn" data-testid="returned-spm">
      <strong>{t.spmReturnedBy(nameOf(returned.returnedBy), dateTime(returned.returnedAt))}:</strong> {returned.reason}
      <p className="muted">{t.returnedSpmWas(returned.sp2dNumber, accountLine(t, returned.bankAccount))}</p>
      {/* An SPM to another account than the proposal's is often returned for just that: its reason, as it was given. */}
      {returned.accountChangeNote && (
        <p className="muted">
          {t.accountChangeNote}: {returned.accountChangeNote}
        </p>
      )}
    </div>
  );
}

/**
 * An SPM that pays into another account than the one the BKM named in its proposal, and why: in full view of the
 * official who authorises it, who checks the reason before the money leaves.
 */
function AccountChangeWarning({ disbursement, spm }: { disbursement: Disbursement; spm: SpmView }) {
  const { t } = useI18n();
  if (!spm.accountChangeNote) return null;
  return (
    <div className="notice bad" data-testid="account-change">
      <p>
        <strong>{t.accountDiffers}</strong>
      </p>
      <dl className="facts">
        <div>
          <dt>{t.accountInProposal}</dt>
          <dd>{disbursement.payeeAccount ? accountLine(t, disbursement.payeeAccount) : '—'}</dd>
        </div>
        <div>
          <dt>{t.accountInSpm}</dt>
          <dd>{accountLine(t, spm.bankAccount)}</dd>
        </div>
        <div>
          <dt>{t.accountChangeNote}</dt>
          <dd>{spm.accountChangeNote}</dd>
        </div>
      </dl>
      <p>{t.accountDiffersCheck}</p>
    </div>
  );
}

/** The SPM form's inputs, where its error summary links each refused field to. */
const SPM_INPUTS: Record<string, string> = {
  sp2dNumber: 'sp2dNumber',
  accountChangeNote: 'accountChangeNote',
  ...Object.fromEntries(ACCOUNT_PARTS.map((part) => [`bankAccount.${part}`, accountFieldId(part)])),
};

/**
 * The first official's step: the SPM, with the SP2D number it is to carry and the account it pays into. The account
 * starts as the one the BKM named in its proposal (for a proposal submitted before proposals named one, the one the
 * last tranche was paid into); another one needs a reason, which the second official reads.
 */
function PrepareForm({ pending, keys, onDone, onCancel, onOutdated }: StepProps) {
  const { t } = useI18n();
  const { disbursement, tranche } = pending;
  const onRecord = disbursement.payeeAccount ?? null;
  const paidBefore = onRecord ? undefined : lastPaidTranche(disbursement, tranche.number);
  const [sp2d, setSp2d] = useState('');
  const [account, setAccount] = useState(() => accountTextOf(onRecord ?? paidBefore?.spm?.bankAccount));
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const bankAccount = typedAccount(account);
  const differs = onRecord !== null && !sameBankAccount(bankAccount, onRecord);

  const prepare = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // The reason goes only with another account (the API refuses one for the proposal's); left empty, the API asks for it.
      await keys.send<AnswerOf<typeof PrepareSpm>>('POST', `${trancheUrl(pending)}/spm`, {
        sp2dNumber: sp2d.trim(),
        bankAccount,
        ...(differs && note.trim() ? { accountChangeNote: note.trim() } : {}),
      } satisfies SpmPreparation);
      onDone(`${t.spmDone}: ${disbursement.title}, ${t.tranche(tranche.number)}`);
    } catch (e) {
      if (overtaken(e)) onOutdated();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card release-form" onSubmit={(e) => void prepare(e)} noValidate aria-labelledby="release-title">
      <h2 id="release-title">
        {t.prepareSpm}: {disbursement.title} · {t.tranche(tranche.number)} · <Money amount={tranche.amount} />
      </h2>
      <ErrorSummary
        error={error}
        fieldLabels={{
          sp2dNumber: t.sp2dNumber,
          'bankAccount.bankName': t.bankName,
          'bankAccount.accountNumber': t.accountNumber,
          'bankAccount.accountHolder': t.accountHolder,
          accountChangeNote: t.accountChangeNote,
        }}
        anchorOf={(field) => SPM_INPUTS[field]}
      />
      {tranche.returnedSpm && <ReturnedSpmNote returned={tranche.returnedSpm} />}
      {onRecord && <p className="muted">{t.accountFromProposal}</p>}
      {paidBefore && <p className="muted">{t.accountFromEarlierTranche(paidBefore.number)}</p>}
      <div className="grid-2">
        <Field id="sp2dNumber" label={t.sp2dNumber} error={reasonOf(error, 'sp2dNumber')}>
          <input value={sp2d} onChange={(e) => setSp2d(e.target.value)} placeholder="0042/SP2D/LS/BPKAD/2026" required />
        </Field>
        <BankAccountFields value={account} onChange={setAccount} errorOf={(part) => reasonOf(error, `bankAccount.${part}`)} required />
      </div>
      {/* Told as the official types: the warning and the reason come with the first character that makes it another account. */}
      <div aria-live="polite">
        {differs && (
          <div className="notice bad" data-testid="account-differs">
            <p>
              <strong>{t.accountDiffers}</strong>
            </p>
            <p>
              {t.accountInProposal}: {accountLine(t, onRecord)}
            </p>
            <p>{t.accountDiffersHint}</p>
          </div>
        )}
      </div>
      {differs && (
        <Field id="accountChangeNote" label={t.accountChangeNote} error={reasonOf(error, 'accountChangeNote')}>
          <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} required />
        </Field>
      )}
      <FormActions label={t.prepareSpm} busy={busy} onCancel={onCancel} />
    </form>
  );
}

/** The second official's step: the SP2D date, then a confirmation naming the amount and SP2D number. */
function AuthoriseForm({ pending, keys, onDone, onCancel, onOutdated }: StepProps) {
  const { t } = useI18n();
  const [at, setAt] = useState(() => localFieldValue(new Date()));
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const { disbursement, tranche } = pending;
  const sp2d = tranche.spm?.sp2dNumber ?? '';

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(true);
  };
  const release = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await keys.send<AnswerOf<typeof ReleaseTranche>>('POST', `${trancheUrl(pending)}/release`, {
        sp2dNumber: sp2d,
        releasedAt: instantOfLocalField(at),
      } satisfies TrancheRelease);
      setConfirming(false);
      onDone(`${t.releaseDone}: ${disbursement.title}, ${t.tranche(tranche.number)}`);
    } catch (e) {
      setConfirming(false);
      if (overtaken(e)) onOutdated();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card release-form" onSubmit={ask} noValidate aria-labelledby="release-title">
      <h2 id="release-title">
        {t.authorise}: {disbursement.title} · {t.tranche(tranche.number)} · <Money amount={tranche.amount} />
      </h2>
      <ErrorSummary error={error} fieldLabels={{ sp2dNumber: t.sp2dNumber, releasedAt: t.releasedAt }} />
      {tranche.spm && <AccountChangeWarning disbursement={disbursement} spm={tranche.spm} />}
      <div className="grid-2">
        <Field id="releasedAt" label={t.releasedAt} error={reasonOf(error, 'releasedAt')}>
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
        </Field>
      </div>
      <FormActions label={t.release} onCancel={onCancel} />
      <ConfirmDialog
        open={confirming}
        title={t.release}
        confirmLabel={t.release}
        busy={busy}
        onConfirm={() => void release()}
        onCancel={() => setConfirming(false)}
      >
        {/* The last question names where the money goes, for the official to read once more before it leaves. */}
        <p>{t.releaseConfirm(formatRupiah(tranche.amount), sp2d, tranche.spm ? accountLine(t, tranche.spm.bankAccount) : '—')}</p>
      </ConfirmDialog>
    </form>
  );
}

/** The second official sends the SPM back, saying why; the tranche is ready for a new SPM. */
function ReturnForm({ pending, keys, onDone, onCancel, onOutdated }: StepProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const { disbursement, tranche } = pending;

  const send = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await keys.send<AnswerOf<typeof ReturnSpm>>('POST', `${trancheUrl(pending)}/spm/return`, {
        reason: reason.trim(),
      } satisfies SpmReturn);
      onDone(`${t.returnSpmDone}: ${disbursement.title}, ${t.tranche(tranche.number)}`);
    } catch (e) {
      if (overtaken(e)) onOutdated();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card release-form" onSubmit={(e) => void send(e)} noValidate aria-labelledby="release-title">
      <h2 id="release-title">
        {t.returnSpm}: {disbursement.title} · {t.tranche(tranche.number)}
      </h2>
      <ErrorSummary error={error} fieldLabels={{ reason: t.returnReason }} />
      <Field id="reason" label={t.returnReason} error={reasonOf(error, 'reason')}>
        <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} required />
      </Field>
      <FormActions label={t.returnSpm} busy={busy} onCancel={onCancel} />
    </form>
  );
}

const STEP_FORMS = { prepare: PrepareForm, authorise: AuthoriseForm, return: ReturnForm };

/**
 * BPKAD's work, with four eyes: one official prepares the SPM of a ready tranche, another authorises
 * it (the SP2D, after confirming) or returns it. Whoever prepared an SPM sees it waiting, not its buttons.
 */
export function ReleasesPage() {
  const { t, dateTime } = useI18n();
  const progressTexts = useProgressTexts();
  const { user } = useSession();
  const [params] = useSearchParams();
  const page = addressPageOf(params);
  // One proposal's, when BPKAD came from its page (`?usulan=<id>`, from a message that its tranche is ready).
  const proposalId = Uuid.safeParse(params.get('usulan')).data;
  // Only the disbursements with a tranche waiting (READY or PREPARED), however many others are funding.
  const { data, error, reload } = useLoad(
    () =>
      api<AnswerOf<typeof ListDisbursements>>('GET', '/disbursements', {
        query: { awaitingTreasury: true, proposalId, page, pageSize: RELEASES_PAGE_SIZE } satisfies RequestInputOf<
          typeof ListDisbursements
        >,
      }),
    [page, proposalId],
  );
  const pages = usePageWithinList(data);
  const [pending, setPending] = useState<Pending | null>(null);
  const keys = useActionKeys();
  const openings = useRef(0);
  const [notice, setNotice] = useState<string>();
  const [outdated, setOutdated] = useState(false);
  const open = (data?.items ?? []).flatMap((d) =>
    d.tranches.filter((tr) => tr.status === 'READY' || tr.status === 'PREPARED').map((tranche) => ({ disbursement: d, tranche })),
  );
  const start = (step: Pending['step'], disbursement: Disbursement, tranche: Tranche) => {
    setNotice(undefined);
    setOutdated(false);
    setPending({ step, disbursement, tranche, opening: ++openings.current });
  };
  const StepForm = pending ? STEP_FORMS[pending.step] : null;

  return (
    <section>
      <div className="page-title">
        <h1>{t.releasesTitle}</h1>
        <Link to="/pagu" className="button secondary">
          {t.navCeilings}
        </Link>
      </div>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      {outdated && (
        <p role="alert" className="notice warn">
          {t.trancheOutdated}
        </p>
      )}
      <ErrorSummary error={error} />
      {pending && StepForm && (
        <StepForm
          key={pending.opening}
          pending={pending}
          keys={keys}
          onCancel={() => setPending(null)}
          onDone={(message) => {
            setPending(null);
            setNotice(message);
            reload();
          }}
          onOutdated={() => {
            setPending(null);
            setOutdated(true);
            reload();
          }}
        />
      )}
      {proposalId && (
        <p>
          {t.releasesOfOne} <Link to="/pencairan">{t.releasesAll}</Link>
        </p>
      )}
      {data && (
        <p className="muted" aria-live="polite" data-testid="releases-count">
          {data.total === 0 ? t.releasesEmpty : `${t.releasesCount(data.total)} · ${t.pageOf(data.page, pages)}`}
        </p>
      )}
      <ul className="cards" aria-label={t.releasesTitle}>
        {open.map(({ disbursement: d, tranche }) => {
          const spm = tranche.spm;
          const mine = spm !== null && spm.preparedBy.userId === user?.id;
          return (
            <li key={`${d.id}-${tranche.number}`} className="card" data-testid="ready-tranche">
              <h2>
                <Link to={`/usulan/${d.proposalId}`}>{d.title}</Link>
              </h2>
              <dl className="facts">
                <div>
                  <dt>{t.tranche(tranche.number)}</dt>
                  <dd>
                    <Money amount={tranche.amount} /> <StatusBadge status={tranche.status} />
                  </dd>
                </div>
                <div>
                  <dt>{t.village}</dt>
                  <dd>{progressTexts.villageOf(d.villageName ?? d.villageCode, d.districtName ?? d.districtCode)}</dd>
                </div>
                <div>
                  <dt>{t.released}</dt>
                  <dd>
                    <Money amount={d.released} /> / <Money amount={d.amount} />
                  </dd>
                </div>
                {spm && (
                  <>
                    <div>
                      <dt>{t.sp2dNumber}</dt>
                      <dd>{spm.sp2dNumber}</dd>
                    </div>
                    <div>
                      <dt>{t.bankAccount}</dt>
                      <dd>{accountLine(t, spm.bankAccount)}</dd>
                    </div>
                    <div>
                      <dt>{t.spmPreparedBy}</dt>
                      <dd>
                        {nameOf(spm.preparedBy)}, {dateTime(spm.preparedAt)}
                      </dd>
                    </div>
                  </>
                )}
              </dl>
              {tranche.returnedSpm && <ReturnedSpmNote returned={tranche.returnedSpm} />}
              {spm && <AccountChangeWarning disbursement={d} spm={spm} />}
              {!spm && (
                <button type="button" className="button primary" onClick={() => start('prepare', d, tranche)}>
                  {t.prepareSpm} {t.tranche(tranche.number)}
                </button>
              )}
              {spm && mine && <p className="muted">{t.spmOwn}</p>}
              {spm && !mine && (
                <div className="actions">
                  <button type="button" className="button secondary" onClick={() => start('return', d, tranche)}>
                    {t.returnSpm}
                  </button>
                  <button type="button" className="button primary" onClick={() => start('authorise', d, tranche)}>
                    {t.authorise} {t.tranche(tranche.number)}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <AddressPager page={page} pages={pages} hrefOf={(n) => `?${setAddressPage(new URLSearchParams(params), n)}`} />
    </section>
  );
}
