import { readIdnAreaData, RegionRows } from './idn-area-data.source';
import { Region, RegionLevel } from './region';
import { UnknownRegionError } from './unknown-region.error';
import { checkRegionRow, villageKindOf, VillageRows, villageRowsOf } from './village-rows';

/** The tiers held as regions from the start; villages are made regions a kecamatan at a time (see VillageRows). */
const UPPER_LEVELS = ['province', 'regency', 'district'] as const;
/** Codes nest (`14.03.09.1004` → `14.03.09` → `14.03` → `14`), so a region's ancestor is a prefix of its code. */
const CODE_LENGTH: Record<RegionLevel, number> = { province: 2, regency: 5, district: 8, village: 13 };
const NONE: readonly Region[] = Object.freeze([]);

let shared: RegionDirectory | undefined;

/** The list's abbreviations that stay in capitals ("DKI Jakarta"). */
const ABBREVIATIONS = new Set(['DKI']);

/** A kabupaten/kota or province name as the list writes it, in capitals, as readers write it: "KOTA PEKANBARU" → "Kota Pekanbaru". */
export function titleCaseRegionName(name: string): string {
  return name.replace(/\p{L}+/gu, (word) => (ABBREVIATIONS.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()));
}

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
  private readonly villages: VillageRows;
  /** Kecamatan whose villages are in byCode and children already. */
  private readonly districtsWithVillages = new Set<string>();

  /** Builds the directory from rows, checking every code's format and that its parent exists. */
  constructor(rows: RegionRows) {
    for (const level of UPPER_LEVELS) {
      for (const row of rows[level]) {
        checkRegionRow(level, row);
        if (this.byCode.has(row.code)) throw new Error(`Region data: duplicate code "${row.code}"`);
        const parentCode = row.parentCode;
        if (parentCode !== null && !this.byCode.has(parentCode)) {
          throw new Error(`Region data: parent "${parentCode}" of "${row.code}" is missing`);
        }
        const region: Region = Object.freeze({ code: row.code, name: row.name, level, parentCode });
        this.byCode.set(row.code, region);
        this.counts[level]++;
        if (parentCode === null) this.provinceList.push(region);
        else this.addChild(parentCode, region);
      }
    }
    this.villages = Array.isArray(rows.village) ? villageRowsOf(rows.village) : rows.village;
    for (const districtCode of this.villages.districtCodes()) {
      if (!this.byCode.has(districtCode)) {
        throw new Error(`Region data: parent "${districtCode}" of "${this.villages.rowsOf(districtCode)[0].code}" is missing`);
      }
    }
    this.counts.village = this.villages.count;
    for (const list of [this.provinceList, ...this.children.values()]) sortAndFreeze(list);
  }

  /** The whole official list, read once per process on first use. */
  static shared(): RegionDirectory {
    shared ??= new RegionDirectory(readIdnAreaData());
    return shared;
  }

  get(code: string): Region | undefined {
    const region = this.byCode.get(code);
    if (region || code.length !== CODE_LENGTH.village) return region;
    this.loadVillagesOf(code.slice(0, CODE_LENGTH.district));
    return this.byCode.get(code);
  }

  getOrThrow(code: string): Region {
    const region = this.get(code);
    if (!region) throw new UnknownRegionError(code);
    return region;
  }

  /**
   * A region as readers name it: a village with its kecamatan ("Balik Alam, Kec. Mandau"), a kecamatan
   * "Kec. Mandau", a kabupaten/kota or province in capitals and small letters ("Kabupaten Bengkalis", where
   * the list writes "KABUPATEN BENGKALIS"); the code itself when unknown.
   */
  placeNameOf(code: string): string {
    const region = this.get(code);
    if (!region) return code;
    if (region.level === 'district') return `Kec. ${region.name}`;
    if (region.level !== 'village') return titleCaseRegionName(region.name);
    const district = this.districtOf(code);
    return district ? `${region.name}, Kec. ${district.name}` : region.name;
  }

  levelOf(code: string): RegionLevel | undefined {
    return this.get(code)?.level;
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
    const region = this.get(regionCode);
    const target = this.get(villageCode);
    if (!region || !target) return false;
    return this.ancestorAt(villageCode, region.level)?.code === region.code;
  }

  /** The regions one tier down, by code; empty for a village. */
  childrenOf(code: string): readonly Region[] {
    if (code.length === CODE_LENGTH.district) this.loadVillagesOf(code);
    return this.children.get(code) ?? NONE;
  }

  /** Every village in a region, by code; a village gives itself. */
  villagesOf(code: string): readonly Region[] {
    const region = this.get(code);
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

  /** Makes the kecamatan's villages regions, once; nothing for a code that is not a known kecamatan. */
  private loadVillagesOf(districtCode: string): void {
    if (this.districtsWithVillages.has(districtCode) || this.byCode.get(districtCode)?.level !== 'district') return;
    this.districtsWithVillages.add(districtCode);
    const villages: Region[] = [];
    for (const row of this.villages.rowsOf(districtCode)) {
      const village: Region = Object.freeze({
        code: row.code,
        name: row.name,
        level: 'village',
        parentCode: districtCode,
        villageKind: villageKindOf(row.code),
      });
      this.byCode.set(row.code, village);
      villages.push(village);
    }
    if (villages.length > 0) {
      sortAndFreeze(villages);
      this.children.set(districtCode, villages);
    }
  }

  private addChild(parentCode: string, region: Region): void {
    const siblings = this.children.get(parentCode);
    if (siblings) siblings.push(region);
    else this.children.set(parentCode, [region]);
  }

  private ancestorAt(code: string, level: RegionLevel): Region | undefined {
    const region = this.get(code);
    if (!region || CODE_LENGTH[region.level] < CODE_LENGTH[level]) return undefined;
    return this.get(code.slice(0, CODE_LENGTH[level]));
  }
}

function sortAndFreeze(list: Region[]): void {
  list.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  Object.freeze(list);
}
