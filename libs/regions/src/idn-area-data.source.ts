import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RegionLevel } from './region';

/** One line of an official list: the region's code, its parent's code (null for a province) and its name. */
export interface RegionRow {
  code: string;
  parentCode: string | null;
  name: string;
}

export type RegionRows = Record<RegionLevel, RegionRow[]>;

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
  const read = (level: RegionLevel): RegionRow[] => {
    const { file, parentColumn } = FILES[level];
    return parseAreaCsv(readFileSync(join(dataDir, file), 'utf8'), file, parentColumn);
  };
  return { province: read('province'), regency: read('regency'), district: read('district'), village: read('village') };
}

/**
 * The files hold `code,<parent>_code,name` (provinces: `code,name`), never quoted: names such as
 * `Soka"an` carry a literal double quote for the apostrophe, which an RFC 4180 parser would misread
 * only if a field began with one; the name is the last column and takes the rest of the line.
 */
function parseAreaCsv(text: string, file: string, parentColumn: string | null): RegionRow[] {
  const lines = text.split(/\r?\n/);
  const expectedHeader = parentColumn ? `code,${parentColumn},name` : 'code,name';
  if (lines[0] !== expectedHeader) {
    throw new Error(`idn-area-data ${file}: expected header "${expectedHeader}", found "${lines[0]}"`);
  }
  const rows: RegionRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') continue;
    const first = line.indexOf(',');
    const second = parentColumn ? line.indexOf(',', first + 1) : first;
    if (first <= 0 || second < first || second === line.length - 1) {
      throw new Error(`idn-area-data ${file} line ${i + 1}: malformed row "${line}"`);
    }
    rows.push({
      code: line.slice(0, first),
      parentCode: parentColumn ? line.slice(first + 1, second) : null,
      name: line.slice(second + 1),
    });
  }
  return rows;
}
