import { RefusalCode } from '@alur/contracts';
import { documentChecklist, missingDocumentErrors } from './document-checklist';

const DOC = (kind: 'DED' | 'RAB' | 'SITE_PHOTO', n = 1) => ({
  url: `/api/v1/uploads/documents/00000000-0000-4000-8000-00000000000${n}`,
  name: `${kind} ${n}`,
  kind,
});

describe('a proposal’s documents checklist', () => {
  const asked = [
    { kind: 'DED', required: true },
    { kind: 'RAB', required: true },
    { kind: 'SITE_PHOTO', required: false },
  ] as const;

  it('lists each asked-for kind with the documents of that kind, in the programme’s order', () => {
    expect(documentChecklist(asked, [DOC('SITE_PHOTO', 1), DOC('DED', 2), DOC('SITE_PHOTO', 3)])).toEqual([
      { kind: 'DED', required: true, present: true, documents: [DOC('DED', 2)] },
      { kind: 'RAB', required: true, present: false, documents: [] },
      { kind: 'SITE_PHOTO', required: false, present: true, documents: [DOC('SITE_PHOTO', 1), DOC('SITE_PHOTO', 3)] },
    ]);
  });

  it('names every missing required kind, and no optional one', () => {
    expect(missingDocumentErrors(documentChecklist(asked, []))).toEqual([
      { field: 'documents', reason: 'a DED document is required before submitting', code: RefusalCode.DocumentRequired },
      { field: 'documents', reason: 'a RAB document is required before submitting', code: RefusalCode.DocumentRequired },
    ]);
    expect(missingDocumentErrors(documentChecklist(asked, [DOC('DED'), DOC('RAB', 2)]))).toEqual([]);
  });
});
