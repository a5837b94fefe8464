import { ReactNode } from 'react';
import type { ProposalCategory, SubmittedContent } from '@alur/contracts';
import { Money } from '../components/money';
import { useI18n } from '../i18n/i18n';
import { useOfficialsTexts } from '../i18n/officials-messages';
import { accountLine } from '../lib/bank-account';
import { BudgetLine, diffSubmissions, isUnchanged, SubmissionContent, TextField } from '../lib/submission-diff';

/**
 * For the officials who review a resubmitted proposal: what changed since the submission they (or their
 * predecessors) returned, field by field, with the RAB lines and documents added, removed and changed.
 */
export function SubmissionChanges({ previous, current }: { previous: SubmittedContent; current: SubmissionContent }) {
  const { t } = useI18n();
  const texts = useOfficialsTexts();
  const diff = diffSubmissions(previous, current);
  const textOf = (field: TextField, value: SubmissionContent[TextField]): ReactNode => {
    if (value === null || value === '') return '—';
    if (field === 'category') return t.categories[value as ProposalCategory] ?? String(value);
    if (field === 'beneficiaries' && typeof value === 'object') return t.householdsOf(value.households, value.poorHouseholds);
    return String(value);
  };
  const line = (l: BudgetLine) => (
    <>
      {l.description}: {String(l.quantity).replace('.', ',')} {l.unit} × <Money amount={l.unitPrice} /> = <Money amount={l.amount} />
    </>
  );
  return (
    <section className="card submission-changes" aria-labelledby="changes-title" data-testid="submission-changes">
      <h2 id="changes-title">{texts.changesTitle(previous.submissionNumber)}</h2>
      {isUnchanged(diff) ? (
        <p>{texts.noChanges}</p>
      ) : (
        <>
          <p>{texts.changesIntro}</p>
          {/* Another account is where the grant would be paid: told first, where the official cannot miss it. */}
          {diff.payeeAccount && (
            <div className="notice bad" data-testid="changed-payeeAccount">
              <p>
                <strong>{texts.payeeAccountChanged}</strong>
              </p>
              <p>
                {texts.before}: <del>{diff.payeeAccount.before ? accountLine(t, diff.payeeAccount.before) : '—'}</del>
              </p>
              <p>
                {texts.after}: <ins>{diff.payeeAccount.after ? accountLine(t, diff.payeeAccount.after) : '—'}</ins>
              </p>
            </div>
          )}
          {(diff.texts.length > 0 || diff.amounts.length > 0) && (
            <div className="table-scroll">
              <table className="stack-table">
                <thead>
                  <tr>
                    <th scope="col">{texts.field}</th>
                    <th scope="col">{texts.before}</th>
                    <th scope="col">{texts.after}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.texts.map((change) => (
                    <tr key={change.field} data-testid={`changed-${change.field}`}>
                      <th scope="row">{texts.fields[change.field]}</th>
                      <td data-label={texts.before}>
                        <del>{textOf(change.field, change.before)}</del>
                      </td>
                      <td data-label={texts.after}>
                        <ins>{textOf(change.field, change.after)}</ins>
                      </td>
                    </tr>
                  ))}
                  {diff.amounts.map((change) => (
                    <tr key={change.field} data-testid={`changed-${change.field}`}>
                      <th scope="row">{texts.fields[change.field]}</th>
                      <td data-label={texts.before} className="amount">
                        <del>
                          <Money amount={change.before} />
                        </del>
                      </td>
                      <td data-label={texts.after} className="amount">
                        <ins>
                          <Money amount={change.after} />
                        </ins>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(diff.budgetLines.added.length > 0 || diff.budgetLines.removed.length > 0 || diff.budgetLines.changed.length > 0) && (
            <>
              <h3>{texts.rabChanges}</h3>
              <ul className="changes" data-testid="rab-changes">
                {diff.budgetLines.added.map((l, i) => (
                  <li key={`a${i}`} className="change-added">
                    <strong>{texts.rabAdded}:</strong> <ins>{line(l)}</ins>
                  </li>
                ))}
                {diff.budgetLines.removed.map((l, i) => (
                  <li key={`r${i}`} className="change-removed">
                    <strong>{texts.rabRemoved}:</strong> <del>{line(l)}</del>
                  </li>
                ))}
                {diff.budgetLines.changed.map((c, i) => (
                  <li key={`c${i}`} className="change-changed">
                    <strong>{texts.rabChanged}:</strong> <del>{line(c.before)}</del> → <ins>{line(c.after)}</ins>
                  </li>
                ))}
              </ul>
            </>
          )}
          {(diff.documents.added.length > 0 || diff.documents.removed.length > 0) && (
            <ul className="changes" data-testid="document-changes">
              {diff.documents.added.map((d) => (
                <li key={d.url} className="change-added">
                  <strong>{texts.documentsAdded}:</strong>{' '}
                  <ins>
                    {t.documentKinds[d.kind]} {d.name}
                  </ins>
                </li>
              ))}
              {diff.documents.removed.map((d) => (
                <li key={d.url} className="change-removed">
                  <strong>{texts.documentsRemoved}:</strong>{' '}
                  <del>
                    {t.documentKinds[d.kind]} {d.name}
                  </del>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
