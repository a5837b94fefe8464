import { readIdnAreaData, RegionRows } from './idn-area-data.source';
import { Region, RegionLevel, VillageKind } from './region';
import { UnknownRegionError } from './unknown-region.error';

const LEVELS: readonly RegionLevel[] = ['province', 'regency', 'district', 'village'];
/** Codes nest (`14.03.09.1004` → `14.03.09` → `14.03` → `14`), so a region's ancestor is a prefix of its code. */
const CODE_LENGTH: Record<RegionLevel, number> = { province: 2, regency: 5, district: 8, village: 13 };
const CODE_FORMAT: Record<RegionLevel, RegExp> = {
  province: /^\d{2}$/,
  regency: /^\d{2}\.\d{2}$/,
  district: /^\d{2}\.\d{2}\.\d{2}$/,
  village: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/,
};
/** First digit of a village's own four digits: 1 kelurahan, 2 desa, 3 desa adat (a desa under UU 6/2014). */
const VILLAGE_KIND_BY_DIGIT: Record<string, VillageKind> = { '1': 'KELURAHAN', '2': 'DESA', '3': 'DESA' };
const NONE: readonly Region[] = Object.freeze([]);

let shared: RegionDirectory | undefined;

/**
 * Indonesia's region hierarchy (province → kabupaten/kota → kecamatan → kelurahan/desa) in memory,
 * keyed by Kemendagri code.
 *
 * Unknown codes never throw from a lookup: `get`, `levelOf` and the ancestor lookups give undefined,
 * `covers` gives false, `childrenOf` and `villagesOf` give an empty list, so a caller can turn an
 * unknown code into its own 400 or 404. `getOrThrow` is for code paths where an unknown code is a bug.
 */
export class RegionDirectory {
  private readonly byCode = new Map<string, Region>();
  private readonly children = new Map<string, Region[]>();
  private readonly provinceList: Region[] = [];
  private readonly counts: Record<RegionLevel, number> = { province: 0, regency: 0, district: 0, village: 0 };

  /** Builds the directory from rows, checking every code's format and that its parent exists. */
  constructor(rows: RegionRows) {
    for (const level of LEVELS) {
      for (const row of rows[level]) {
        if (!CODE_FORMAT[level].test(row.code)) {
          throw new Error(`Region data: "${row.code}" is not a ${level} code`);
        }
        if (this.byCode.has(row.code)) throw new Error(`Region data: duplicate code "${row.code}"`);
        const parentCode = level === 'province' ? null : row.code.slice(0, row.code.lastIndexOf('.'));
        if (row.parentCode !== parentCode) {
          throw new Error(`Region data: "${row.code}" is listed under "${row.parentCode}"`);
        }
        if (parentCode !== null && !this.byCode.has(parentCode)) {
          throw new Error(`Region data: parent "${parentCode}" of "${row.code}" is missing`);
        }
        const region: Region =
          level === 'village'
            ? { code: row.code, name: row.name, level, parentCode, villageKind: villageKindOf(row.code) }
            : { code: row.code, name: row.name, level, parentCode };
        this.byCode.set(row.code, Object.freeze(region));
        this.counts[level]++;
        if (parentCode === null) {
          this.provinceList.push(region);
          continue;
        }
        const siblings = this.children.get(parentCode);
        if (siblings) siblings.push(region);
        else this.children.set(parentCode, [region]);
      }
    }
    for (const list of [this.provinceList, ...this.children.values()]) {
      list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      Object.freeze(list);
    }
  }

  /** The whole official list, read once per process on first use. */
  static shared(): RegionDirectory {
    shared ??= new RegionDirectory(readIdnAreaData());
    return shared;
  }

  get(code: string): Region | undefined {
    return this.byCode.get(code);
  }

  getOrThrow(code: string): Region {
    const region = this.byCode.get(code);
    if (!region) throw new UnknownRegionError(code);
    return region;
  }

  levelOf(code: string): RegionLevel | undefined {
    return this.byCode.get(code)?.level;
  }

  /** The village itself when `code` is a village; undefined for any other level. */
  villageOf(code: string): Region | undefined {
    return this.ancestorAt(code, 'village');
  }

  /** The kecamatan of a village, or the kecamatan itself. */
  districtOf(code: string): Region | undefined {
    return this.ancestorAt(code, 'district');
  }

  /** The kabupaten/kota of a village or kecamatan, or the kabupaten/kota itself. */
  regencyOf(code: string): Region | undefined {
    return this.ancestorAt(code, 'regency');
  }

  provinceOf(code: string): Region | undefined {
    return this.ancestorAt(code, 'province');
  }

  /**
   * Whether `regionCode` is `villageCode` itself or one of its ancestors: the question "may an
   * official of this region act on this village". Works for any pair of levels; false if either is unknown.
   */
  covers(regionCode: string, villageCode: string): boolean {
    const region = this.byCode.get(regionCode);
    const target = this.byCode.get(villageCode);
    if (!region || !target) return false;
    return this.ancestorAt(villageCode, region.level)?.code === region.code;
  }

  /** The regions one tier down, by code; empty for a village. */
  childrenOf(code: string): readonly Region[] {
    return this.children.get(code) ?? NONE;
  }

  /** Every village in a region, by code; a village gives itself. */
  villagesOf(code: string): readonly Region[] {
    const region = this.byCode.get(code);
    if (!region) return NONE;
    if (region.level === 'village') return [region];
    if (region.level === 'district') return this.childrenOf(code);
    return this.childrenOf(code).flatMap((child) => this.villagesOf(child.code));
  }

  provinces(): readonly Region[] {
    return this.provinceList;
  }

  count(level: RegionLevel): number {
    return this.counts[level];
  }

  private ancestorAt(code: string, level: RegionLevel): Region | undefined {
    const region = this.byCode.get(code);
    if (!region || CODE_LENGTH[region.level] < CODE_LENGTH[level]) return undefined;
    return this.byCode.get(code.slice(0, CODE_LENGTH[level]));
  }
}

function villageKindOf(code: string): VillageKind {
  const kind = VILLAGE_KIND_BY_DIGIT[code.charAt(code.length - 4)];
  if (!kind) throw new Error(`Region data: village code "${code}" is neither a kelurahan nor a desa`);
  return kind;
}
