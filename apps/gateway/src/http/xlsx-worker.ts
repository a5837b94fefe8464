import { Worker } from 'node:worker_threads';
import { ServiceUnavailableException } from '@nestjs/common';
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
 * (a string is text whatever it holds), which is why no constructor has to cross the thread boundary. It writes
 * one workbook per message, answering each with the file or with what went wrong.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const writeXlsxFile = require(workerData.library).default;
parentPort.on('message', ({ table, about }) => {
  const header = table.header.map((value) => ({ value, fontWeight: 'bold' }));
  const rows = table.rows.map((row) => row.map((value, i) => (value === null ? null : { value, format: table.formats[i] })));
  writeXlsxFile([
    { sheet: table.sheet, data: [header, ...rows], stickyRowsCount: 1, columns: table.widths.map((width) => ({ width })) },
    { sheet: about.sheet, data: about.data, columns: about.widths.map((width) => ({ width })) },
  ])
    .toBuffer()
    .then((file) => parentPort.postMessage({ file }), (error) => parentPort.postMessage({ error: String(error?.stack ?? error) }));
});
`;

/**
 * Whose workbook it is: someone logged in (an official's list, BPKAD's tranches, an evaluation), or anyone at all
 * (the public report). Each has its own line, so that no number of citizens asking for the public report, nor a
 * script asking for it over and over, holds up an official's file.
 */
export type XlsxLane = 'officials' | 'public';

/** The most public workbooks in line (the one being written among them); one more is refused (503), not held in memory. */
export const PUBLIC_XLSX_MAX_WAITING = 8;

/**
 * How long a lane's worker is kept after its last workbook. Starting one and loading the library in it costs a
 * core about 0.15 s, more than writing a few hundred lines; kept for good, it would hold about 15 MiB in a gateway
 * that may go days without being asked for a spreadsheet.
 */
export const XLSX_WORKER_IDLE_MS = 30_000;

/** A line of workbooks written one after the other, by its own worker while there is work. */
interface Line {
  last: Promise<unknown>;
  waiting: number;
  worker?: Worker;
  idle?: NodeJS.Timeout;
}
const lines: Record<XlsxLane, Line> = {
  officials: { last: Promise.resolve(), waiting: 0 },
  public: { last: Promise.resolve(), waiting: 0 },
};

/**
 * The workbook, written on a worker thread: 10,000 rows of sixteen columns take a core about two seconds (30,000
 * about five), which on the gateway's own thread would hold up every other request for as long; the rows' copy to
 * the worker holds it up a twentieth of that. The library is loaded there too, so the gateway never carries it.
 *
 * Each lane writes one workbook at a time: an official's largest file (30,000 lines) takes the gateway about 300
 * MiB while it is written, and two of them at once would come close to a pod's limit (512 MiB,
 * infra/k8s/services/gateway.yaml); the public report has a line per funded proposal of one year, a few hundred
 * in a regency (1,000 lines take about 40 MiB), so it may be written beside one.
 */
export function writeXlsxInWorker(table: TableSheet, about: CellSheet, lane: XlsxLane): Promise<Buffer> {
  const line = lines[lane];
  if (lane === 'public' && line.waiting >= PUBLIC_XLSX_MAX_WAITING) {
    return Promise.reject(
      new ServiceUnavailableException({
        statusCode: 503,
        message: 'Too many spreadsheets of the public report are being made: try again in a minute, or download the CSV',
        retryAfterSeconds: 60,
      }),
    );
  }
  line.waiting++;
  const written = line.last.then(() => writeOnce(line, table, about)).finally(() => line.waiting--);
  line.last = written.catch(() => undefined);
  return written;
}

function writeOnce(line: Line, table: TableSheet, about: CellSheet): Promise<Buffer> {
  clearTimeout(line.idle);
  const worker = (line.worker ??= new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { library: require.resolve('write-excel-file/node') },
  }));
  worker.ref();
  return new Promise<Buffer>((resolve, reject) => {
    const answered = (answer: { file?: Uint8Array; error?: string }) => {
      worker.off('error', failed).off('exit', stopped);
      if (answer.file) resolve(Buffer.from(answer.file.buffer, answer.file.byteOffset, answer.file.byteLength));
      else reject(new Error(`The spreadsheet's worker could not write the file: ${answer.error}`));
    };
    // A worker that failed or stopped is not given the next workbook: the next starts a new one.
    const failed = (error: Error) => {
      worker.off('message', answered).off('exit', stopped);
      if (line.worker === worker) line.worker = undefined;
      void worker.terminate();
      reject(error);
    };
    const stopped = (code: number) => {
      worker.off('message', answered).off('error', failed);
      if (line.worker === worker) line.worker = undefined;
      reject(new Error(`The spreadsheet's worker stopped (exit ${code}) before it wrote the file`));
    };
    worker.once('message', answered).once('error', failed).once('exit', stopped);
    worker.postMessage({ table, about });
  }).finally(() => {
    if (line.worker !== worker) return;
    line.idle = setTimeout(() => {
      if (line.worker === worker) line.worker = undefined;
      void worker.terminate();
    }, XLSX_WORKER_IDLE_MS);
    // An idle worker does not keep the process alive, nor a test's Jest worker.
    line.idle.unref();
    worker.unref();
  });
}
