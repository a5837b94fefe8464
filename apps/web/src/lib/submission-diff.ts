import { type BankAccount, type ProposalDocument, sameBankAccount, type SubmittedContent } from '@alur/contracts';

/** A RAB line as a submission carries it. */
export type BudgetLine = SubmittedContent['budgetItems'][number];

/** What a submission said: the content officials weigh, as the proposal view and `previousSubmission` carry it. */
export type SubmissionContent = Pick<
  SubmittedContent,
  | 'title'
  | 'category'
  | 'description'
  | 'executorGroup'
  | 'beneficiaries'
  | 'budgetItems'
  | 'budgetTotal'
  | 'selfHelpAmount'
  | 'requestedAmount'
  | 'documents'
  | 'payeeAccount'
>;

export type TextField = 'title' | 'category' | 'description' | 'executorGroup' | 'beneficiaries';
export type AmountField = 'budgetTotal' | 'selfHelpAmount' | 'requestedAmount';

export interface SubmissionDiff {
  texts: Array<{ field: TextField; before: SubmissionContent[TextField]; after: SubmissionContent[TextField] }>;
  amounts: Array<{ field: AmountField; before: number; after: number }>;
  budgetLines: {
    added: BudgetLine[];
    removed: BudgetLine[];
    changed: Array<{ before: BudgetLine; after: BudgetLine }>;
  };
  documents: { added: ProposalDocument[]; removed: ProposalDocument[] };
  /** The account the grant is to be paid into, when it is another one now (or was none before); null when it is the same. */
  payeeAccount: { before: BankAccount | null; after: BankAccount | null } | null;
}

const TEXT_FIELDS: TextField[] = ['title', 'category', 'description', 'executorGroup', 'beneficiaries'];
const AMOUNT_FIELDS: AmountField[] = ['budgetTotal', 'selfHelpAmount', 'requestedAmount'];

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const lineKey = (line: BudgetLine) => line.description.trim().toLocaleLowerCase('id');

/** Two accounts are one when sameBankAccount says so (the letter case or spacing it was typed in aside); none is one with none. */
const sameAccount = (a: BankAccount | null, b: BankAccount | null) => (a && b ? sameBankAccount(a, b) : a === b);

/**
 * What changed from the previous submission to this one. RAB lines are matched by their description
 * (a line whose volume, unit or price changed is "changed"; a renamed line is one removed and one
 * added), in order when two lines share a description; documents by their uploaded file.
 */
export function diffSubmissions(before: SubmissionContent, after: SubmissionContent): SubmissionDiff {
  const unmatched = [...before.budgetItems];
  const added: BudgetLine[] = [];
  const changed: Array<{ before: BudgetLine; after: BudgetLine }> = [];
  for (const line of after.budgetItems) {
    const i = unmatched.findIndex((old) => lineKey(old) === lineKey(line));
    if (i < 0) {
      added.push(line);
      continue;
    }
    const [old] = unmatched.splice(i, 1);
    if (old.quantity !== line.quantity || old.unit !== line.unit || old.unitPrice !== line.unitPrice || old.amount !== line.amount) {
      changed.push({ before: old, after: line });
    }
  }
  const urls = (documents: ProposalDocument[]) => new Set(documents.map((d) => d.url));
  const beforeUrls = urls(before.documents);
  const afterUrls = urls(after.documents);
  // A submission made before proposals named an account carries none.
  const [accountBefore, accountAfter] = [before.payeeAccount ?? null, after.payeeAccount ?? null];
  return {
    texts: TEXT_FIELDS.filter((f) => !same(before[f], after[f])).map((field) => ({ field, before: before[field], after: after[field] })),
    amounts: AMOUNT_FIELDS.filter((f) => before[f] !== after[f]).map((field) => ({ field, before: before[field], after: after[field] })),
    budgetLines: { added, removed: unmatched, changed },
    documents: {
      added: after.documents.filter((d) => !beforeUrls.has(d.url)),
      removed: before.documents.filter((d) => !afterUrls.has(d.url)),
    },
    payeeAccount: sameAccount(accountBefore, accountAfter) ? null : { before: accountBefore, after: accountAfter },
  };
}

/** Nothing the officials would see differs. */
export function isUnchanged(diff: SubmissionDiff): boolean {
  const { texts, amounts, budgetLines: b, documents: d, payeeAccount } = diff;
  return (
    !texts.length &&
    !amounts.length &&
    !b.added.length &&
    !b.removed.length &&
    !b.changed.length &&
    !d.added.length &&
    !d.removed.length &&
    !payeeAccount
  );
}
