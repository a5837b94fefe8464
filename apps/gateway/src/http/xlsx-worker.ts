import { Worker } from 'node:worker_threads';
import type { Cell } from 'write-excel-file/node';

/** A cell's value as it crosses to the worker: text, a number, a date, or nothing. */
export type SheetValue = string | number | Date | null;

/** A sheet of rows, each column with one number format: what the worker writes as the workbook's first sheet. */
export interface TableSheet {
  sheet: string;
  header: string[];
  /** Per column: its number format, undefined for text. */
  formats: Array<string | undefined>;
  /** Per column: its width in characters. */
  widths: number[];
  rows: SheetValue[][];
}

/** A small sheet given cell by cell (its types taken from its values): the workbook's second sheet. */
export interface CellSheet {
  sheet: string;
  data: Cell[][];
  widths: number[];
}

/**
 * The worker's code. It is given as source and not as a file so that it runs alike from the build and from the
 * tests' TypeScript; it loads the library by the path the gateway resolved. A cell's type is taken from its value
 * (a string is text whatever it holds), which is why no constructor has to cross the thread boundary.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const writeXlsxFile = require(workerData.library).default;
const { table, about } = workerData;
const header = table.header.map((value) => ({ value, fontWeight: 'bold' }));
const rows = table.rows.map((row) => row.map((value, i) => (value === null ? null : { value, format: table.formats[i] })));
writeXlsxFile([
  { sheet: table.sheet, data: [header, ...rows], stickyRowsCount: 1, columns: table.widths.map((width) => ({ width })) },
  { sheet: about.sheet, data: about.data, columns: about.widths.map((width) => ({ width })) },
])
  .toBuffer()
  .then((file) => parentPort.postMessage(file));
`;

/** The workbook being written now, if any: the next waits for it (see writeXlsxInWorker). */
let writing: Promise<unknown> = Promise.resolve();

/**
 * The workbook, written on a worker thread: 10,000 rows of sixteen columns take a core about two seconds (30,000
 * about five), which on the gateway's own thread would hold up every other request for as long; the rows' copy to
 * the worker holds it up a twentieth of that. The library is loaded there too, so the gateway never carries it. One
 * workbook is written at a time: the largest file (30,000 lines) takes the gateway about 300 MiB while it is written,
 * and two at once would come close to a pod's limit (512 MiB, infra/k8s/services/gateway.yaml).
 */
export function writeXlsxInWorker(table: TableSheet, about: CellSheet): Promise<Buffer> {
  const written = writing.then(() => writeOnce(table, about));
  writing = written.catch(() => undefined);
  return written;
}

function writeOnce(table: TableSheet, about: CellSheet): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { library: require.resolve('write-excel-file/node'), table, about },
    });
    worker.once('message', (file: Uint8Array) => {
      resolve(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The spreadsheet's worker stopped (exit ${code}) before it wrote the file`)));
  });
}
