import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RegionLevel } from './region';
import { checkRegionRow, VillageRows } from './village-rows';

/** One line of an official list: the region's code, its parent's code (null for a province) and its name. */
export interface RegionRow {
  code: string;
  parentCode: string | null;
  name: string;
}

/** Villages as rows, or read by kecamatan on demand (see VillageRows). */
export type RegionRows = Record<Exclude<RegionLevel, 'village'>, RegionRow[]> & { village: RegionRow[] | VillageRows };

/** The CSV file and parent column of each level, as idn-area-data 3.x ships them in its `data/` folder. */
const FILES: Record<RegionLevel, { file: string; parentColumn: string | null }> = {
  province: { file: 'provinces.csv', parentColumn: null },
  regency: { file: 'regencies.csv', parentColumn: 'province_code' },
  district: { file: 'districts.csv', parentColumn: 'regency_code' },
  village: { file: 'villages.csv', parentColumn: 'district_code' },
};

/**
 * Reads the Kemendagri region lists from the npm package `idn-area-data` (package code MIT;
 * the data itself under the Open Database License, ODbL 1.0: see node_modules/idn-area-data/data/LICENSE.md).
 *
 * The package's own getters are async and ESM; reading its CSV files directly lets the directory load
 * synchronously on first use. The header of each file is checked, so a change of layout in a new
 * version of the package fails loudly instead of loading wrong data.
 */
export function readIdnAreaData(): RegionRows {
  const dataDir = join(dirname(require.resolve('idn-area-data/package.json')), 'data');
  const text = (level: RegionLevel) => readFileSync(join(dataDir, FILES[level].file), 'utf8');
  const read = (level: RegionLevel): RegionRow[] => parseAreaCsv(text(level), FILES[level].file, FILES[level].parentColumn);
  return {
    province: read('province'),
    regency: read('regency'),
    district: read('district'),
    village: new CsvVillageRows(text('village'), FILES.village.file),
  };
}

/**
 * villages.csv kept as its text (2.7 MB) with where each kecamatan's lines are: the file lists villages
 * in code order, so a kecamatan's villages are one run of lines. Every line is checked on reading, so a
 * bad file still fails at start-up; a kecamatan's rows are parsed again when the directory asks for them.
 */
export class CsvVillageRows implements VillageRows {
  /** Kecamatan code → its villages' lines: [offset of the first, end of the last). */
  private readonly runs = new Map<string, [number, number]>();
  readonly count: number;

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    let count = 0;
    let previous = '';
    forEachLine(text, file, 'district_code', (start, end, lineNumber) => {
      const row = parseLine(text, start, end, file, true, lineNumber);
      checkRegionRow('village', row);
      if (row.code <= previous) throw new Error(`idn-area-data ${file} line ${lineNumber}: "${row.code}" is not in code order`);
      previous = row.code;
      const run = this.runs.get(row.parentCode!);
      if (run) run[1] = end;
      else this.runs.set(row.parentCode!, [start, end]);
      count++;
    });
    this.count = count;
  }

  districtCodes(): Iterable<string> {
    return this.runs.keys();
  }

  rowsOf(districtCode: string): RegionRow[] {
    const run = this.runs.get(districtCode);
    if (!run) return [];
    const rows: RegionRow[] = [];
    for (let start = run[0]; start < run[1];) {
      const end = lineEnd(this.text, start);
      rows.push(parseLine(this.text, start, end, this.file, true, 0));
      start = nextLine(this.text, end);
    }
    return rows;
  }
}

/**
 * The files hold `code,<parent>_code,name` (provinces: `code,name`), never quoted: names such as
 * `Soka"an` carry a literal double quote for the apostrophe, which an RFC 4180 parser would misread
 * only if a field began with one; the name is the last column and takes the rest of the line.
 */
function parseAreaCsv(text: string, file: string, parentColumn: string | null): RegionRow[] {
  const rows: RegionRow[] = [];
  forEachLine(text, file, parentColumn, (start, end, lineNumber) =>
    rows.push(parseLine(text, start, end, file, parentColumn !== null, lineNumber)),
  );
  return rows;
}

/** Checks the header, then calls `line` with each non-empty line's bounds (`\r` excluded) and 1-based number. */
function forEachLine(
  text: string,
  file: string,
  parentColumn: string | null,
  line: (start: number, end: number, lineNumber: number) => void,
): void {
  const headerEnd = lineEnd(text, 0);
  const header = text.slice(0, headerEnd);
  const expectedHeader = parentColumn ? `code,${parentColumn},name` : 'code,name';
  if (header !== expectedHeader) {
    throw new Error(`idn-area-data ${file}: expected header "${expectedHeader}", found "${header}"`);
  }
  let lineNumber = 1;
  for (let start = nextLine(text, headerEnd); start < text.length;) {
    const end = lineEnd(text, start);
    lineNumber++;
    if (end > start) line(start, end, lineNumber);
    start = nextLine(text, end);
  }
}

/** Where the line starting at `start` ends: its `\r\n` or `\n`, or the end of the text. */
function lineEnd(text: string, start: number): number {
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  return end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
}

function nextLine(text: string, end: number): number {
  return text.charCodeAt(end) === 13 ? end + 2 : end + 1;
}

function parseLine(text: string, start: number, end: number, file: string, hasParent: boolean, lineNumber: number): RegionRow {
  const first = text.indexOf(',', start);
  const second = hasParent ? text.indexOf(',', first + 1) : first;
  if (first <= start || first >= end || second < first || second >= end - 1) {
    throw new Error(`idn-area-data ${file} line ${lineNumber}: malformed row "${text.slice(start, end)}"`);
  }
  return {
    code: text.slice(start, first),
    parentCode: hasParent ? text.slice(first + 1, second) : null,
    name: text.slice(second + 1, end),
  };
}
