import { ChangeEvent, FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { auditReportSound, serviceAuditSound } from '@alur/contracts';
import type { AuditIntegrityReport, AuditVerificationRequest, ServiceAuditIntegrity } from '@alur/contracts';
import { api } from '../../api/api-client';
import { ErrorSummary } from '../../components/error-summary';
import { Field } from '../../components/field';
import { useAuditTexts } from '../../i18n/audit-messages';
import { useI18n } from '../../i18n/i18n';
import { saveFile } from '../../lib/save-file';

/** An earlier report as a file held it: what the check compares against, and when that check was made. */
interface Kept {
  fileName: string;
  checkedAt: string | undefined;
  expected: NonNullable<AuditVerificationRequest['expected']>;
}

/** The file's report, or undefined where it is not one (the server checks each head's shape and names what is wrong). */
function keptReportOf(text: string): Omit<Kept, 'fileName'> | undefined {
  try {
    const parsed = JSON.parse(text) as { checkedAt?: unknown; services?: unknown };
    if (!Array.isArray(parsed.services)) return undefined;
    return {
      checkedAt: typeof parsed.checkedAt === 'string' ? parsed.checkedAt : undefined,
      expected: { services: parsed.services as Kept['expected']['services'] },
    };
  } catch {
    return undefined;
  }
}

/**
 * AUDIT_READING_ROLES (the inspectorate above all): checks that no service's audit trail was changed, without the
 * operator's database access: every record re-hashed and linked to the one before, and, given the report of an
 * earlier check (kept in the working papers, away from Alur), that no newest record was removed since.
 */
export function AuditIntegrityPage() {
  const { language, dateTime } = useI18n();
  const w = useAuditTexts();
  const [kept, setKept] = useState<Kept>();
  const [fileProblem, setFileProblem] = useState<string>();
  const [report, setReport] = useState<AuditIntegrityReport>();
  const [comparedWith, setComparedWith] = useState<Kept>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setFileProblem(undefined);
    setKept(undefined);
    if (!file) return;
    const read = keptReportOf(await file.text());
    if (read) setKept({ fileName: file.name, ...read });
    else setFileProblem(w.integrityNotAReport(file.name));
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body: AuditVerificationRequest = kept ? { expected: kept.expected } : {};
      setReport(await api<AuditIntegrityReport>('POST', '/audit/verification', { body }));
      setComparedWith(kept);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const download = (done: AuditIntegrityReport) =>
    saveFile(
      new Blob([JSON.stringify(done, null, 2)], { type: 'application/json' }),
      `jejak-audit-keutuhan-${done.checkedAt.slice(0, 10)}.json`,
    );

  const verdictOf = (service: ServiceAuditIntegrity): string => {
    if (service.error) return w.integrityNotChecked;
    if (service.firstBroken) return w.integrityBroken(service.firstBroken.seq, w.integrityReasons[service.firstBroken.reason]);
    if (service.missingHeads.length > 0) {
      return w.integrityHeadsGone(service.missingHeads.map((h) => w.integrityHead(h.chain, h.seq)).join(', '));
    }
    return w.integritySound;
  };

  return (
    <section>
      <p>
        <Link to="/admin/jejak-audit">← {w.title}</Link>
      </p>
      <h1>{w.integrityTitle}</h1>
      <p className="lead">{w.integrityIntro}</p>
      <form onSubmit={(event) => void check(event)} className="card" aria-busy={busy}>
        <Field id="kept-report" label={w.integrityKept} hint={w.integrityKeptHint} error={fileProblem}>
          <input type="file" accept="application/json,.json" onChange={(event) => void pick(event)} />
        </Field>
        {/* Not against a file that is not a report: the field says why. */}
        <button type="submit" className="button primary" disabled={busy || fileProblem !== undefined}>
          {busy ? w.integrityChecking : w.integrityCheck}
        </button>
      </form>
      <ErrorSummary error={error} />
      {report && (
        <div data-testid="integrity-report">
          {auditReportSound(report) ? (
            <p role="status" className="notice ok">
              {w.integrityAllSound(dateTime(report.checkedAt))}
            </p>
          ) : (
            <p role="alert" className="notice warn">
              {w.integrityProblems(
                dateTime(report.checkedAt),
                report.services.filter((s) => !serviceAuditSound(s)).map((s) => w.contexts[s.service]),
              )}
            </p>
          )}
          {comparedWith && (
            <p className="muted">
              {w.integrityComparedWith(comparedWith.fileName, comparedWith.checkedAt ? dateTime(comparedWith.checkedAt) : undefined)}
            </p>
          )}
          <div className="table-scroll card">
            <table className="stack-table">
              <caption className="visually-hidden">{w.integrityTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{w.context}</th>
                  <th scope="col">{w.integrityVerdict}</th>
                  <th scope="col">{w.integrityChecked}</th>
                  <th scope="col">{w.integrityFingerprint}</th>
                </tr>
              </thead>
              <tbody>
                {report.services.map((service) => (
                  <tr key={service.service} data-testid={`integrity-${service.service}`}>
                    <th scope="row" data-label={w.context}>
                      {w.contexts[service.service]}
                    </th>
                    <td data-label={w.integrityVerdict}>{verdictOf(service)}</td>
                    <td data-label={w.integrityChecked}>
                      {service.error ? '–' : service.checked.toLocaleString(language === 'id' ? 'id-ID' : 'en-GB')}
                    </td>
                    <td data-label={w.integrityFingerprint}>
                      <code>{service.fingerprint || '–'}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="hint">{w.integrityKeepHint}</p>
          <button type="button" className="button secondary" onClick={() => download(report)}>
            {w.integrityDownload}
          </button>
        </div>
      )}
    </section>
  );
}
