import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api, partOf } from '../api/api-client';
import { AUDIT_READING_ROLES, fundingLineText, isOneOf } from '@alur/contracts';
import type {
  AnswerOf,
  DisbursementView,
  ListDisbursements,
  NamedProposalStage,
  ProposalStatus,
  RequestInputOf,
  SubmitProposal,
  WithdrawProposal,
} from '@alur/contracts';
import type { Proposal } from '../api/types';
import { homeOf, useSession } from '../auth/session';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { Money } from '../components/money';
import { DueBadge, StatusBadge } from '../components/status-badge';
import { useLoad, useReloadWhile } from '../components/use-load';
import { ProgrammeName } from '../components/programme-name';
import { useI18n } from '../i18n/i18n';
import type { Messages } from '../i18n/messages';
import { formatShareBp } from '../lib/budget';
import { accountLine } from '../lib/bank-account';
import { DECISION_ANCHOR, DecisionPanel } from './decision-panel';
import { NextInInbox } from './next-in-inbox';
import { SubmissionChanges } from './submission-changes';
import { ProgressReportForm } from './progress-report-form';
import { openStageOf } from './waiting-stage';
import { DocumentList } from '../components/proposal-documents';
import { ProgressReportList } from '../components/progress-report-list';
import { useActionKeys } from '../lib/action-key';
import { inboxPathOf, inboxSearchFromState } from '../lib/inbox-search';
import { nameOf } from '../lib/person-name';
import { listPathFromState } from '../lib/return-path';
import { proposalAuditPath } from './admin/proposal-audit-path';

const EDITABLE: readonly ProposalStatus[] = ['DRAFT', 'RETURNED'];
const WITHDRAWABLE: readonly ProposalStatus[] = ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RETURNED'];
/** What the BKM sends to act on a proposal: the proposal itself is named in the path. */
type ProposalAction<C extends typeof SubmitProposal | typeof WithdrawProposal> = Omit<RequestInputOf<C>, 'id'>;

interface Details {
  proposal: Proposal;
  /** Undefined where the approvals service could not answer: the page says so rather than show no stages. */
  stages: NamedProposalStage[] | undefined;
  /** Undefined where the disbursements service could not answer. */
  disbursements: DisbursementView[] | undefined;
}

async function loadDetails(id: string): Promise<Details> {
  const disbursements = partOf(
    api<AnswerOf<typeof ListDisbursements>>('GET', '/disbursements', { query: { proposalId: id } }).then((page) => page.items),
    [],
  );
  const proposal = await api<Proposal>('GET', `/proposals/${id}`);
  // A proposal never submitted (a draft, or one withdrawn as a draft) has no stages: the approvals service
  // would answer 404, which the browser reports as an error, so it is not asked.
  const stages =
    proposal.submissionNumber > 0 ? await partOf(api<NamedProposalStage[]>('GET', `/approvals/proposals/${id}/stages`), []) : [];
  return { proposal, stages, disbursements: await disbursements };
}

/** One proposal with its budget, stages, funds and history; the actions its reader may take on it. */
export function ProposalDetailPage({ id }: { id: string }) {
  const { t, dateTime, language } = useI18n();
  const { user } = useSession();
  const [search, setSearch] = useSearchParams();
  // Opened from the inbox or a list of proposals, the way back is to the same search and page.
  const { state } = useLocation();
  const fromInbox = inboxSearchFromState(state);
  const fromList = listPathFromState(state);
  const { data, error, reload } = useLoad(() => loadDetails(id), [id]);
  const [notice, setNotice] = useState<string | undefined>(() =>
    search.get('pesan') === 'diajukan' ? t.submitted : search.get('pesan') === 'tersimpan' ? t.saved : undefined,
  );
  // Said once: the address loses the word, so that a reload, a copied link or a printed copy does not say it again.
  useEffect(() => {
    if (!search.has('pesan')) return;
    setSearch(
      (params) => {
        params.delete('pesan');
        return params;
      },
      { replace: true, state },
    );
  }, [search, setSearch, state]);
  const [actionError, setActionError] = useState<unknown>();
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [decided, setDecided] = useState(false);
  // The official's decision met a stage that had changed (decided meanwhile, or withdrawn): it was not saved, and the page says so.
  const [outdated, setOutdated] = useState(false);
  // The proposals service hears of a decision from the approvals service moments after it is taken: until the
  // proposal moves on (a new version: the next stage opened, or returned, rejected, approved), the page would still
  // say "Dalam penilaian" over the proposal just rejected. Its history grows a line earlier (the stage decided),
  // so its length says too soon.
  const [versionWhenDecided, setVersionWhenDecided] = useState<number>();
  const behind = versionWhenDecided !== undefined && (data?.proposal.version ?? Infinity) <= versionWhenDecided;
  useReloadWhile(behind, reload, data);
  const keys = useActionKeys();

  if (!data) {
    return (
      <section>
        <ErrorSummary error={error} />
        {!error && <p aria-live="polite">{t.loading}</p>}
      </section>
    );
  }
  const { proposal: p } = data;
  const stages = data.stages ?? [];
  const disbursement = data.disbursements?.[0];
  const open = openStageOf(stages);
  const waitingTranche = disbursement?.tranches.find((tr) => tr.status === 'READY' || tr.status === 'PREPARED');
  const isBkm = user?.role === 'BKM';
  // Only whoever may decide the open stage sees the decision panel: its own official, or the Plt/Plh
  // acting for them, and nobody who already decided another stage of this submission (the API says which).
  const mayDecide = open?.yourDecision !== undefined;
  const lastReturn = [...stages].reverse().find((s) => s.status === 'RETURNED');
  const rejection = p.status === 'REJECTED' ? stages.find((s) => s.status === 'REJECTED') : undefined;

  const act = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setActionError(undefined);
    try {
      await work();
      setNotice(message);
      reload();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="proposal-detail">
      <p className="no-print">
        <Link to={fromInbox ? inboxPathOf(fromInbox) : (fromList ?? (user ? homeOf(user) : '/'))}>← {t.back}</Link>
      </p>
      <div className="page-title">
        <h1>{p.title}</h1>
        <StatusBadge status={p.status} />
      </div>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={actionError} fieldLabels={{ reason: t.withdrawReason }} />
      {outdated && (
        <p role="alert" className="notice warn">
          {t.decisionOutdated}
        </p>
      )}
      {(data.stages === undefined || data.disbursements === undefined) && (
        <div role="alert" className="notice warn" data-testid="parts-unavailable">
          {data.stages === undefined && <p>{t.stagesUnavailable}</p>}
          {data.disbursements === undefined && <p>{t.fundsUnavailable}</p>}
          <button type="button" className="button secondary" onClick={reload}>
            {t.loadAgain}
          </button>
        </div>
      )}
      {p.status === 'RETURNED' && lastReturn?.note && (
        <div className="notice warn">
          <strong>{t.returnedNote}:</strong> {lastReturn.note}
        </div>
      )}
      {/* Why it ended, where the BKM looks first, and what it can do now: the stages below say it far down a phone. */}
      {rejection && (
        <div className="notice bad" data-testid="rejection">
          <p>
            <strong>{t.rejectedBy(t.roles[rejection.role] ?? rejection.role)}:</strong> {rejection.note}
          </p>
          {isBkm && (
            <p>
              {t.rejectedNext} <Link to="/usulan/baru">{t.newProposal}</Link>
            </p>
          )}
        </div>
      )}

      <dl className="facts card">
        <div>
          <dt>{t.programme}</dt>
          <dd>
            <ProgrammeName code={p.programCode} />
          </dd>
        </div>
        <div>
          <dt>{t.village}</dt>
          <dd data-testid="village">{p.villageName ?? p.villageCode}</dd>
        </div>
        <div>
          <dt>{t.district}</dt>
          <dd>{p.districtName ?? p.districtCode}</dd>
        </div>
        <div>
          <dt>{t.category}</dt>
          <dd>{p.category ? t.categories[p.category] : '—'}</dd>
        </div>
        {open && (
          <div>
            <dt>{t.waitingAt}</dt>
            <dd data-testid="waiting-at">
              {t.waitingAtStage(t.roles[open.role], open.stageOrder, open.stageCount)}{' '}
              <DueBadge dueAt={open.dueAt} overdue={open.overdue} />
              {mayDecide && (
                <>
                  {' '}
                  <a href={`#${DECISION_ANCHOR}`} className="no-print">
                    {t.toYourDecision}
                  </a>
                </>
              )}
            </dd>
          </div>
        )}
        <div>
          <dt>{t.budgetTotal}</dt>
          <dd>
            <Money amount={p.budgetTotal} />
          </dd>
        </div>
        <div>
          <dt>{t.swadaya}</dt>
          <dd>
            <Money amount={p.selfHelpAmount} /> ({formatShareBp(p.selfHelpShareBp)})
          </dd>
        </div>
        <div>
          <dt>{t.requested}</dt>
          <dd>
            <Money amount={p.requestedAmount} />
          </dd>
        </div>
        <div>
          <dt>{t.executorGroup}</dt>
          <dd>{p.executorGroup ?? '—'}</dd>
        </div>
        <div>
          <dt>{t.beneficiaries}</dt>
          <dd data-testid="beneficiaries">
            {p.beneficiaries ? t.householdsOf(p.beneficiaries.households, p.beneficiaries.poorHouseholds) : '—'}
          </dd>
        </div>
        {/* Where BPKAD pays the grant: for the BKM to check, the officials to weigh, BPKAD to pay into. */}
        <div>
          <dt>{t.payeeAccountFact}</dt>
          <dd data-testid="payee-account">{p.payeeAccount ? accountLine(t, p.payeeAccount) : '—'}</dd>
        </div>
      </dl>
      {p.description && <p className="description">{p.description}</p>}

      {/* A berkas is filed, and a proposal weighed in a meeting, on paper: the page prints as its copy. */}
      <p className="actions no-print">
        <button type="button" className="button secondary" onClick={() => window.print()}>
          {t.print}
        </button>
        {user && isOneOf(user.role, AUDIT_READING_ROLES) && (
          <Link className="button secondary" to={proposalAuditPath(p.id)}>
            {t.proposalAuditTrail}
          </Link>
        )}
      </p>

      {p.previousSubmission && <SubmissionChanges previous={p.previousSubmission} current={p} />}

      {isBkm && (
        <div className="actions no-print">
          {EDITABLE.includes(p.status) && (
            <>
              <Link to={`/usulan/${p.id}/ubah`} className="button secondary">
                {p.status === 'RETURNED' ? t.revise : t.editProposal}
              </Link>
              <button
                type="button"
                className="button primary"
                disabled={busy}
                onClick={() =>
                  void act(
                    () =>
                      keys.send<AnswerOf<typeof SubmitProposal>>('POST', `/proposals/${p.id}/submit`, {
                        version: p.version,
                      } satisfies ProposalAction<typeof SubmitProposal>),
                    t.submitted,
                  )
                }
              >
                {t.submit}
              </button>
            </>
          )}
          {WITHDRAWABLE.includes(p.status) && (
            <button type="button" className="button danger" onClick={() => setWithdrawing(true)}>
              {t.withdraw}
            </button>
          )}
        </div>
      )}
      {/* Only the BKM withdraws: the question and its field are on nobody else's page, even closed. */}
      {isBkm && (
        <ConfirmDialog
          open={withdrawing}
          title={t.withdrawQuestion}
          confirmLabel={t.withdraw}
          tone="danger"
          busy={busy}
          onCancel={() => setWithdrawing(false)}
          onConfirm={() => {
            setWithdrawing(false);
            const withdrawal = { version: p.version, ...(reason.trim() ? { reason: reason.trim() } : {}) } satisfies Omit<
              ProposalAction<typeof WithdrawProposal>,
              'reviewWithdrawn'
            >;
            void act(
              () => keys.send<AnswerOf<typeof WithdrawProposal>>('POST', `/proposals/${p.id}/withdraw`, withdrawal),
              t.status.WITHDRAWN,
            );
          }}
        >
          <p className="notice bad">{t.withdrawConsequence}</p>
          <Field id="withdraw-reason" label={t.withdrawReason} error={reasonOf(actionError, 'reason')}>
            <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </ConfirmDialog>
      )}

      <section className="card">
        <h2>{t.rab}</h2>
        <div className="table-scroll">
          <table className="stack-table">
            <thead>
              <tr>
                <th scope="col">{t.rabDescription}</th>
                <th scope="col">{t.rabQuantity}</th>
                <th scope="col">{t.rabUnit}</th>
                <th scope="col" className="amount">
                  {t.rabUnitPrice}
                </th>
                <th scope="col" className="amount">
                  {t.rabAmount}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.budgetItems.map((item, i) => (
                <tr key={i}>
                  <td data-label={t.rabDescription}>{item.description}</td>
                  <td data-label={t.rabQuantity}>
                    {String(item.quantity).replace('.', ',')} <span className="unit-inline">{item.unit}</span>
                  </td>
                  <td data-label={t.rabUnit} className="hide-narrow">
                    {item.unit}
                  </td>
                  <td data-label={t.rabUnitPrice} className="amount">
                    <Money amount={item.unitPrice} />
                  </td>
                  <td data-label={t.rabAmount} className="amount">
                    <Money amount={item.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t.budgetTotal}
                </th>
                <td className="amount">
                  <Money amount={p.budgetTotal} />
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <section className="card">
        <h2>{t.documents}</h2>
        <DocumentList documents={p.documents ?? []} />
      </section>

      {stages.length > 0 && (
        <section className="card">
          <h2>{t.approvalStages}</h2>
          <ol className="stages">
            {stages.map((s) => (
              <li key={s.stageId} className={`stage stage-${s.status.toLowerCase()}`}>
                <strong>{t.roles[s.role]}</strong> <StatusBadge status={s.status} />
                {s.status === 'OPEN' ? (
                  <>
                    {' '}
                    <DueBadge dueAt={s.dueAt} overdue={s.overdue} />
                  </>
                ) : (
                  s.decidedAt && (
                    <span className="muted">
                      {' '}
                      {dateTime(s.decidedAt)}
                      {s.decidedBy && ` · ${t.decidedBy(nameOf(s.decidedBy))}`}
                      {s.decidedBy?.actingFor && ` (${t.actingFor(nameOf(s.decidedBy.actingFor))})`}
                    </span>
                  )
                )}
                {s.note && <p className="quote">{s.note}</p>}
              </li>
            ))}
          </ol>
        </section>
      )}

      {/* The decision comes after what it rests on, in the order a careful official reads: the RAB, the
          documents, and the earlier stages with their notes; the link at the top jumps here. */}
      {open && mayDecide && (
        <DecisionPanel
          stage={open}
          onDecided={() => {
            setOutdated(false);
            setDecided(true);
            setVersionWhenDecided(p.version);
            reload();
          }}
          onOutdated={() => {
            setNotice(undefined);
            setOutdated(true);
            reload();
          }}
        />
      )}
      {decided && <NextInInbox decidedProposalId={p.id} from={fromInbox} />}

      {disbursement && (
        <section className="card" aria-labelledby="funds-title">
          <h2 id="funds-title">
            {t.funds} <StatusBadge status={disbursement.status} />
          </h2>
          <p>
            {t.released}: <Money amount={disbursement.released} /> / <Money amount={disbursement.amount} />
            {disbursement.progressPercent !== null && ` · ${t.progress} ${disbursement.progressPercent}%`}
          </p>
          <ul className="tranches">
            {disbursement.tranches.map((tr) => (
              <li key={tr.number}>
                {t.tranche(tr.number)}: <Money amount={tr.amount} /> <StatusBadge status={tr.status} />
                {tr.sp2dNumber && (
                  <span className="muted">
                    {' '}
                    SP2D {tr.sp2dNumber}
                    {/* Where the money went, for the BKM to find it in its bank and BPKAD to check the next SPM against. */}
                    {tr.spm && `, ${t.paidInto(accountLine(t, tr.spm.bankAccount))}`}
                  </span>
                )}
                {tr.status === 'LOCKED' && <span className="muted"> {t.trancheUnlocksAt(tr.unlockProgressPercent)}</span>}
              </li>
            ))}
          </ul>
          {/* BPKAD comes here from a message that a tranche is ready: its SPM is prepared and authorised on the releases page. */}
          {user?.role === 'BPKAD' && waitingTranche && (
            <p>
              <Link className="button primary" to={`/pencairan?usulan=${p.id}`}>
                {t.releaseWaitingTranche(waitingTranche.number)}
              </Link>
            </p>
          )}
          {/* BPKAD comes here from a message that it waits for budget: the pagu it waits under opens on the pagu page. */}
          {user?.role === 'BPKAD' && disbursement.status === 'AWAITING_BUDGET' && (
            <>
              <p>{t.awaitingBudgetHint}</p>
              <p>
                <Link
                  className="button primary"
                  to={`/pagu?program=${encodeURIComponent(disbursement.programCode)}&wilayah=${disbursement.ceilingRegionCode}`}
                >
                  {t.openCeiling}
                </Link>
              </p>
            </>
          )}
          {isBkm && disbursement.status === 'FUNDING' && (
            <ProgressReportForm proposalId={p.id} spendingLimit={disbursement.released + p.selfHelpAmount} onSent={reload} />
          )}
        </section>
      )}
      {disbursement && <ProgressReportList proposalId={p.id} title={p.title} refresh={data} />}

      {p.timeline && p.timeline.length > 0 && (
        <section className="card">
          <h2>{t.timeline}</h2>
          <ol className="timeline">
            {p.timeline.map((entry, i) => (
              <li key={i}>
                <time dateTime={entry.at}>{dateTime(entry.at)}</time> · {timelineLine(entry, t)}
                {entry.actor && !OPENED_BY_THE_CHAIN.has(entry.kind) && (
                  <span className="muted">
                    {' '}
                    · {nameOf(entry.actor)}
                    {entry.actor.actingFor && ` (${t.actingFor(nameOf(entry.actor.actingFor))})`}
                  </span>
                )}
                {entry.note && !repeatsNote(p.timeline!, i) && (
                  // A funding line is the proposals service's sentence in Bahasa Indonesia: written again in the reader's
                  // language from its facts, where it keeps them all.
                  <p className="quote">{fundingLineText(entry.kind, entry.details, language) ?? entry.note}</p>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  );
}

type TimelineEntry = NonNullable<Proposal['timeline']>[number];

/**
 * Lines the chain writes by itself, after the decision or submission on the line before: the event names
 * that person, and "Tahap 2 dari 5 dibuka: Camat · Lurah Balik Alam" read as if the Lurah had opened it.
 */
const OPENED_BY_THE_CHAIN = new Set(['approval.stage-opened']);

/** What happened, in words: a stage's line names the stage, its official and the decision, not just "stage decided". */
function timelineLine(entry: TimelineEntry, t: Messages): string {
  const d = entry.details ?? {};
  const role = typeof d.role === 'string' ? (t.roles[d.role] ?? d.role) : undefined;
  if (entry.kind === 'approval.stage-opened' && role && typeof d.order === 'number' && typeof d.count === 'number')
    return t.stageOpenedAs(role, d.order, d.count);
  if (entry.kind === 'approval.stage-decided' && role && typeof d.order === 'number' && typeof d.decision === 'string')
    return t.stageDecidedAs(d.decision, role, d.order);
  return t.timelineKinds[entry.kind] ?? (entry.toStatus ? (t.status[entry.toStatus] ?? entry.toStatus) : entry.kind);
}

/**
 * A return or rejection carries the official's note the stage's decision just showed, and the approvals service's
 * word that it stopped a review the reason of the BKM's withdrawal beside it: once is enough.
 */
function repeatsNote(timeline: TimelineEntry[], i: number): boolean {
  const entry = timeline[i];
  if (entry.kind === 'approval.review-withdrawn') return timeline.some((e) => e.kind === 'proposal.withdrawn' && e.note === entry.note);
  if (entry.kind !== 'proposal.returned' && entry.kind !== 'proposal.rejected') return false;
  const decided = timeline
    .slice(0, i)
    .reverse()
    .find((e) => e.kind === 'approval.stage-decided');
  return decided?.note === entry.note;
}
