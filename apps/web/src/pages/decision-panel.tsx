import { useState } from 'react';
import type { AnswerOf, DecideStage, NamedProposalStage, RequestInputOf } from '@alur/contracts';
import { ConfirmDialog } from '../components/confirm-dialog';
import { ApiError } from '../api/api-client';
import { ErrorSummary, reasonOf } from '../components/error-summary';
import { Field } from '../components/field';
import { useI18n } from '../i18n/i18n';
import { useOfficialsTexts } from '../i18n/officials-messages';
import { useActionKeys } from '../lib/action-key';

/** The panel's place in the page, for the link to it from the top of a proposal. */
export const DECISION_ANCHOR = 'keputusan';

/** What the official sends: the stage is named in the path. */
type StageDecision = Omit<RequestInputOf<typeof DecideStage>, 'stageId'>;
type Decision = StageDecision['decision'];

/**
 * Approve, return or reject the open stage, with a note, after confirming; a rejection in warning
 * colours naming its consequence. A Plt/Plh sees whose place they decide in: the API records the
 * decision as acting (it finds the appointment itself; the panel only says so). A decision refused as
 * conflicting (409: the stage was decided meanwhile, on another device or by another official, or the proposal
 * withdrawn) is the page's to show: `onOutdated`, where the page loads the stage as it stands.
 */
export function DecisionPanel({ stage, onDecided, onOutdated }: { stage: NamedProposalStage; onDecided(): void; onOutdated(): void }) {
  const { t } = useI18n();
  const texts = useOfficialsTexts();
  const actingFor = stage.yourDecision?.actingFor;
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<Decision | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const keys = useActionKeys();
  const labels: Record<Decision, string> = { APPROVE: t.approve, RETURN: t.returnForRevision, REJECT: t.reject };

  const decide = async () => {
    if (!pending) return;
    setBusy(true);
    setError(undefined);
    try {
      await keys.send<AnswerOf<typeof DecideStage>>('POST', `/approvals/${stage.stageId}/decision`, {
        decision: pending,
        ...(note.trim() ? { note: note.trim() } : {}),
      } satisfies StageDecision);
      setPending(null);
      onDecided();
    } catch (e) {
      setPending(null);
      if (e instanceof ApiError && e.status === 409) onOutdated();
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card decision no-print" id={DECISION_ANCHOR} aria-labelledby="decision-title">
      <h2 id="decision-title">
        {t.decision}
        {actingFor && (
          <span className="acting-as"> {texts.actingAs(t.roles[actingFor.role], actingFor.regionName ?? actingFor.regionCode)}</span>
        )}
      </h2>
      {actingFor && (
        <p className="notice info" data-testid="acting-note">
          {texts.actingNote(actingFor.displayName)}
        </p>
      )}
      <ErrorSummary error={error} fieldLabels={{ note: t.decisionNote, decision: t.decision }} />
      <Field id="decision-note" label={t.decisionNote} error={reasonOf(error, 'note')}>
        <textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} maxLength={4000} />
      </Field>
      <div className="actions">
        <button type="button" className="button primary" onClick={() => setPending('APPROVE')}>
          {t.approve}
        </button>
        <button type="button" className="button secondary" onClick={() => setPending('RETURN')}>
          {t.returnForRevision}
        </button>
        <button type="button" className="button danger" onClick={() => setPending('REJECT')}>
          {t.reject}
        </button>
      </div>
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t.decisionConfirm(labels[pending]) : ''}
        confirmLabel={pending ? labels[pending] : undefined}
        busy={busy}
        tone={pending === 'REJECT' ? 'danger' : undefined}
        onConfirm={() => void decide()}
        onCancel={() => setPending(null)}
      >
        {pending === 'REJECT' && <p className="notice bad">{texts.rejectConsequence}</p>}
        {note.trim() && <p className="quote">{note.trim()}</p>}
      </ConfirmDialog>
    </section>
  );
}
