import { FormEvent, useState } from 'react';
import { api } from '../api/api-client';
import { Disbursement, Page, Tranche, TransparencyReport } from '../api/types';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { Money } from '../components/money';
import { StatusBadge } from '../components/status-badge';
import { useLoad } from '../components/use-load';
import { useI18n } from '../i18n/i18n';
import { formatRupiah } from '../lib/rupiah';
import { Link } from 'react-router';

interface Pending {
  disbursement: Disbursement;
  tranche: Tranche;
  /** One key per release attempt: asking again (a double click, a retry) releases once. */
  idempotencyKey: string;
}

/** Now in Jakarta as `YYYY-MM-DDTHH:mm`, for a datetime-local input. */
function jakartaNow(): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Jakarta', dateStyle: 'short', timeStyle: 'short' }).format(new Date());
  return parts.replace(' ', 'T');
}

function ReleaseForm({ pending, onDone, onCancel }: { pending: Pending; onDone(message: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const [sp2d, setSp2d] = useState('');
  const [at, setAt] = useState(jakartaNow);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const { disbursement, tranche } = pending;

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(true);
  };
  const release = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api('POST', `/disbursements/${disbursement.id}/tranches/${tranche.number}/release`, {
        body: { sp2dNumber: sp2d.trim(), releasedAt: `${at}:00+07:00` },
        headers: { 'Idempotency-Key': pending.idempotencyKey },
      });
      setConfirming(false);
      onDone(`${t.releaseDone}: ${disbursement.title}, ${t.tranche(tranche.number)}`);
    } catch (e) {
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card release-form" onSubmit={ask} noValidate aria-labelledby="release-title">
      <h2 id="release-title">
        {t.release}: {disbursement.title} · {t.tranche(tranche.number)} · <Money amount={tranche.amount} />
      </h2>
      <ErrorSummary error={error} fieldLabels={{ sp2dNumber: t.sp2dNumber, releasedAt: t.releasedAt }} />
      <div className="grid-2">
        <Field id="sp2dNumber" label={t.sp2dNumber} error={reasonOf(error, 'sp2dNumber')}>
          <input value={sp2d} onChange={(e) => setSp2d(e.target.value)} placeholder="0042/SP2D/LS/BPKAD/2026" required />
        </Field>
        <Field id="releasedAt" label={t.releasedAt} error={reasonOf(error, 'releasedAt')}>
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required />
        </Field>
      </div>
      <div className="actions">
        <button type="button" className="button secondary" onClick={onCancel}>
          {t.cancel}
        </button>
        <button type="submit" className="button primary">
          {t.release}
        </button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t.release}
        confirmLabel={t.release}
        busy={busy}
        onConfirm={() => void release()}
        onCancel={() => setConfirming(false)}
      >
        <p>{t.releaseConfirm(formatRupiah(tranche.amount), sp2d.trim())}</p>
      </ConfirmDialog>
    </form>
  );
}

/** BPKAD's work: tranches ready to release, released by recording the SP2D number after confirming. */
export function ReleasesPage() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(() => api<Page<Disbursement>>('GET', '/disbursements', { query: { status: 'FUNDING', limit: 200 } }), []);
  // Village names come from the public report, which lists every funded proposal's village with its kecamatan.
  const villages = useLoad(async () => {
    const report = await api<TransparencyReport>('GET', '/public/transparency');
    return new Map(report.districts.flatMap((district) => district.villages.map((v) => [v.code, `${v.name}, Kec. ${district.name}`] as const)));
  }, []);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string>();
  const ready = (data?.items ?? []).flatMap((d) => d.tranches.filter((tr) => tr.status === 'READY').map((tranche) => ({ disbursement: d, tranche })));

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
      <ErrorSummary error={error} />
      {pending && (
        <ReleaseForm
          key={pending.idempotencyKey}
          pending={pending}
          onCancel={() => setPending(null)}
          onDone={(message) => {
            setPending(null);
            setNotice(message);
            reload();
          }}
        />
      )}
      {data && ready.length === 0 && <p>{t.releasesEmpty}</p>}
      <ul className="cards" aria-label={t.releasesTitle}>
        {ready.map(({ disbursement: d, tranche }) => (
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
                <dd>{villages.data?.get(d.villageCode) ?? d.villageCode}</dd>
              </div>
              <div>
                <dt>{t.released}</dt>
                <dd>
                  <Money amount={d.released} /> / <Money amount={d.amount} />
                </dd>
              </div>
            </dl>
            <button
              type="button"
              className="button primary"
              onClick={() => {
                setNotice(undefined);
                setPending({ disbursement: d, tranche, idempotencyKey: crypto.randomUUID() });
              }}
            >
              {t.release} {t.tranche(tranche.number)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
