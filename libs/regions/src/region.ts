/** The four tiers of Indonesia's administrative hierarchy, in the words of `ROLE_REGION_LEVEL`. */
export type RegionLevel = 'province' | 'regency' | 'district' | 'village';

/**
 * Kelurahan: an urban village run by a civil-servant lurah (code `.1xxx`).
 * Desa: a rural village with an elected kepala desa (code `.2xxx`, and `.3xxx` for a desa adat).
 */
export type VillageKind = 'KELURAHAN' | 'DESA';

/** One region with its Kemendagri code, e.g. `14` Riau, `14.03` Bengkalis, `14.03.09.1004` Balik Alam. */
export interface Region {
  readonly code: string;
  /** As the official list spells it (provinces and kabupaten/kota in capitals). */
  readonly name: string;
  readonly level: RegionLevel;
  /** The region one tier up; null for a province. */
  readonly parentCode: string | null;
  /** Only for villages. */
  readonly villageKind?: VillageKind;
}
