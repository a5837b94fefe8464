import { ConflictError, RefusalCode, UnprocessableError } from '@alur/contracts';

/** One page of a service's list (the caller's region, the filters applied), as its `List…` request answers it. */
export type PageReader<T> = (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>;

/** What one export reads and how it refuses: its list's largest page, its file's most rows, and the words of its refusal. */
export interface ExportOptions {
  maxRows: number;
  pageSize: number;
  /** The refusal beyond `maxRows` (422), e.g. PROPOSAL_EXPORT_TOO_LARGE. */
  tooLarge: RefusalCode;
  /** What is listed, plural: "proposals". */
  items: string;
  /** How a reader narrows the list: "status, region, programme or text". */
  narrowBy: string;
}

/** How often the list is read again when it changed while it was paged through, before the caller is told to ask again. */
const READS = 3;

/**
 * Every item the list's filters match, in the list's order, paged through the service at its largest page. More than
 * `maxRows` is refused from the first page's total, before the rest is read: a file cut short would mislead its
 * reader. The lists page by offset, so an item changed or added while it is paged through moves and shifts the others:
 * one would be read twice and another missed. Such a read (the total moved between pages, an id repeated, fewer than
 * the total) is read again, and after READS tries refused as a 409.
 */
export async function everyItem<T extends { id: string }>(readPage: PageReader<T>, options: ExportOptions): Promise<T[]> {
  for (let read = 1; read <= READS; read++) {
    const items = await readOnce(readPage, options);
    if (items) return items;
  }
  throw new ConflictError(`The ${options.items} changed while they were read for the file: ask for it again`);
}

/** One read through the pages; undefined when the list changed under it. */
async function readOnce<T extends { id: string }>(readPage: PageReader<T>, options: ExportOptions): Promise<T[] | undefined> {
  const { maxRows, pageSize } = options;
  const first = await readPage(1, pageSize);
  if (first.total > maxRows) {
    throw new UnprocessableError(`More than ${maxRows} ${options.items} match: narrow the list by ${options.narrowBy}`, {
      code: options.tooLarge,
    });
  }
  const items = [...first.items];
  for (let page = 2; (page - 1) * pageSize < first.total; page++) {
    const next = await readPage(page, pageSize);
    if (next.total !== first.total) return undefined;
    items.push(...next.items);
  }
  const complete = items.length === first.total && new Set(items.map((item) => item.id)).size === first.total;
  return complete ? items : undefined;
}
