import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/api-client';
import type { AnswerOf, ListProgressReports, RequestInputOf, VerifyProgressReport } from '@alur/contracts';
import type { ProgressReportItem, ProgressReportPage } from '../api/types';
import { AddressPager, usePageWithinList } from '../components/address-pager';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { Money } from '../components/money';
import { ProgressPhotos } from '../components/progress-photos';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { useProgressTexts } from '../i18n/progress-messages';
import { useActionKeys } from '../lib/action-key';
import { addressPageOf, setAddressPage } from '../lib/address-page';
import { nameOf } from '../lib/person-name';

/** Each report shows its photos: ten to a page is what a phone on a village's signal loads well. */
const QUEUE_PAGE_SIZE = 10;

/** What the verifier sends: the report is named in the path. */
type Verification = Omit<RequestInputOf<typeof VerifyProgressReport>, 'reportId'>;
type Decision = Verification['decision'];

/** One pending report: what the BKM claims, weighed against the money, its photos, and the verifier's decision. */
function QueuedReport({ report, onDecided }: { report: ProgressReportItem; onDecided(message: string): void }) {
  const { dateTime } = useI18n();
  const x = useProgressTexts();
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const keys = useActionKeys();
  const [error, setError] = useState<unknown>();
  const noteId = `note-${report.id}`;
  const village = x.villageOf(report.villageName ?? report.villageCode, report.districtName ?? report.districtCode);

  const decide = async (decision: Decision) => {
    setBusy(true);
    setError(undefined);
    try {
      await keys.send<AnswerOf<typeof VerifyProgressReport>>('POST', `/progress-reports/${report.id}/verification`, {
        decision,
        ...(note.trim() ? { note: note.trim() } : {}),
      } satisfies Verification);
      setConfirming(false);
      onDecided(
        decision === 'ACCEPTED'
          ? x.accepted(report.title, report.physicalProgressPercent)
          : x.sentBack(report.title, report.physicalProgressPercent),
      );
    } catch (e) {
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card" data-testid="verification-item">
      <h2 id={`report-${report.id}`}>
        <Link to={`/usulan/${report.proposalId}`}>{report.title}</Link>
      </h2>
      <p data-testid="report-village">{village}</p>
      <dl className="facts">
        <div>
          <dt>{x.physical}</dt>
          <dd data-testid="report-percent">
            {report.physicalProgressPercent}%{report.final && ` · ${x.finalReport}`}
          </dd>
        </div>
        <div>
          <dt>{x.spent}</dt>
          <dd>
            <Money amount={report.amountSpent} />
          </dd>
        </div>
        <div>
          <dt>{x.releasedOf}</dt>
          <dd>
            <Money amount={report.released} /> / <Money amount={report.amount} />
          </dd>
        </div>
        {report.selfHelpAmount !== null && (
          <div>
            <dt>{x.releasedPlusSwadaya}</dt>
            <dd>
              <Money amount={report.released} /> + <Money amount={report.selfHelpAmount} /> ={' '}
              <Money amount={report.released + report.selfHelpAmount} />
            </dd>
          </div>
        )}
        <div>
          <dt>{x.reported}</dt>
          <dd>{x.reportedBy(dateTime(report.reportedAt), nameOf(report.reporter))}</dd>
        </div>
      </dl>
      {report.note && (
        <>
          <h3>{x.reportNote}</h3>
          <p className="quote">{report.note}</p>
        </>
      )}
      <h3>{x.photos}</h3>
      <ProgressPhotos report={report} title={report.title} />
      <ErrorSummary error={error} fieldLabels={{ note: x.verifierNote, decision: x.accept }} />
      <Field id={noteId} label={x.verifierNote} error={reasonOf(error, 'note')}>
        <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </Field>
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => setConfirming(true)} disabled={busy}>
          {x.sendBack}
        </button>
        <button type="button" className="button primary" onClick={() => void decide('ACCEPTED')} disabled={busy}>
          {x.accept}
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          open
          title={x.sendBackQuestion}
          confirmLabel={x.sendBack}
          busy={busy}
          onConfirm={() => void decide('SENT_BACK')}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {report.title} · {village} · {report.physicalProgressPercent}%
          </p>
          {note.trim() && <p className="quote">{note.trim()}</p>}
          <p>{x.sendBackWarning}</p>
        </ConfirmDialog>
      )}
    </li>
  );
}

/**
 * The verifier's queue: pending progress reports of their kecamatan (or the whole regency), the one
 * waiting longest first (its tranche has waited longest), paged in the address.
 */
export function VerificationPage() {
  const x = useProgressTexts();
  const { t } = useI18n();
  const [params] = useSearchParams();
  const page = addressPageOf(params);
  const { data, error, loading, reload } = useLoad(
    () =>
      api<ProgressReportPage>('GET', '/progress-reports', {
        query: { verificationStatus: 'PENDING', page, pageSize: QUEUE_PAGE_SIZE } satisfies RequestInputOf<typeof ListProgressReports>,
      }),
    [page],
  );
  const pages = usePageWithinList(data);
  const [notice, setNotice] = useState<string>();
  return (
    <section>
      <div className="page-title">
        <h1>{x.verificationTitle}</h1>
      </div>
      <p>{x.verificationIntro}</p>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={error} />
      {loading && !data && <p aria-live="polite">{t.loading}</p>}
      {data && data.total === 0 && <p>{x.queueEmpty}</p>}
      {data && data.total > 0 && (
        <p className="muted" data-testid="queue-count">
          {pages > 1 ? `${x.queueCount(data.total)} · ${t.pageOf(data.page, pages)}` : x.queueCount(data.total)}
        </p>
      )}
      <ul className="cards" aria-label={x.verificationTitle}>
        {(data?.items ?? []).map((report) => (
          <QueuedReport
            key={report.id}
            report={report}
            onDecided={(message) => {
              setNotice(message);
              reload();
            }}
          />
        ))}
      </ul>
      <AddressPager page={page} pages={pages} hrefOf={(n) => `?${setAddressPage(new URLSearchParams(params), n)}`} />
    </section>
  );
}
