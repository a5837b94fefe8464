import type { RegionRow } from './idn-area-data.source';
import { RegionLevel, VillageKind } from './region';

/**
 * The villages of the list, by kecamatan. A directory turns a kecamatan's rows into regions only when
 * one of them is asked for: a deployment serves one kabupaten, and all of Indonesia's 84,000 villages
 * as objects cost every service some 60 MiB of memory for nothing.
 */
export interface VillageRows {
  readonly count: number;
  /** Each kecamatan that has villages, once. */
  districtCodes(): Iterable<string>;
  /** The kecamatan's villages, checked as checkRegionRow checks them; empty for any other code. */
  rowsOf(districtCode: string): readonly RegionRow[];
}

export const CODE_FORMAT: Record<RegionLevel, RegExp> = {
  province: /^\d{2}$/,
  regency: /^\d{2}\.\d{2}$/,
  district: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};
/** First digit of a village's own four digits: 1 kelurahan, 2 desa, 3 desa adat (a desa under UU 6/2014). */
const VILLAGE_KIND_BY_DIGIT: Record<string, VillageKind> = { '1': 'KELURAHAN', '2': 'DESA', '3': 'DESA' };

/** Checks what a row says of itself: its code's format, that it is listed under its code's parent, a village's kind. */
export function checkRegionRow(level: RegionLevel, row: RegionRow): void {
  if (!CODE_FORMAT[level].test(row.code)) {
    throw new Error(`Region data: "${row.code}" is not a ${level} code`);
  }
  const parentCode = level === 'province' ? null : row.code.slice(0, row.code.lastIndexOf('.'));
  if (row.parentCode !== parentCode) {
    throw new Error(`Region data: "${row.code}" is listed under "${row.parentCode}"`);
  }
  if (level === 'village') villageKindOf(row.code);
}

export function villageKindOf(code: string): VillageKind {
  const kind = VILLAGE_KIND_BY_DIGIT[code.charAt(code.length - 4)];
  if (!kind) throw new Error(`Region data: village code "${code}" is neither a kelurahan nor a desa`);
  return kind;
}

/** Village rows already in memory (a test's few), checked and grouped by kecamatan. */
export function villageRowsOf(rows: readonly RegionRow[]): VillageRows {
  const byDistrict = new Map<string, RegionRow[]>();
  const codes = new Set<string>();
  for (const row of rows) {
    checkRegionRow('village', row);
    if (codes.has(row.code)) throw new Error(`Region data: duplicate code "${row.code}"`);
    codes.add(row.code);
    const siblings = byDistrict.get(row.parentCode!);
    if (siblings) siblings.push(row);
    else byDistrict.set(row.parentCode!, [row]);
  }
  return {
    count: rows.length,
    districtCodes: () => byDistrict.keys(),
    rowsOf: (districtCode) => byDistrict.get(districtCode) ?? [],
  };
}
