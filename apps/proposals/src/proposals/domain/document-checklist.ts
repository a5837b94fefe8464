import { RefusalCode } from '@alur/contracts';
import type { DocumentChecklistItem, ProposalDocument, RequiredDocument } from '@alur/contracts';
import type { FieldError } from '@alur/contracts';

/** One line of a proposal's documents checklist: what the programme asks for and what the proposal carries. */
export type { DocumentChecklistItem };

/** The programme's checklist against the proposal's documents, in the programme's order. */
export function documentChecklist(asked: readonly RequiredDocument[], documents: readonly ProposalDocument[]): DocumentChecklistItem[] {
  return asked.map(({ kind, required }) => {
    const ofKind = documents.filter((document) => document.kind === kind);
    return { kind, required, present: ofKind.length > 0, documents: ofKind };
  });
}

/** A proposal goes to review with complete files: one refusal per required kind it does not carry. */
export function missingDocumentErrors(checklist: readonly DocumentChecklistItem[]): FieldError[] {
  return checklist
    .filter((item) => item.required && !item.present)
    .map((item) => ({
      field: 'documents',
      reason: `a ${item.kind} document is required before submitting`,
      code: RefusalCode.DocumentRequired,
    }));
}
