import { FundsReportItem } from '@alur/contracts';
import { NameOf, TransparencyReport, transparencyReport } from './transparency-report';

/** A village on the map: how many proposals are funded there (0 for the villages around them). */
export interface TransparencyMapVillage {
  code: string;
  name: string;
  proposals: number;
  amount: number;
  released: number;
}

/** A kecamatan with funded proposals and all its villages, for the map and the kecamatan/village filters. */
export interface TransparencyMapDistrict {
  code: string;
  name: string;
  villages: TransparencyMapVillage[];
}

/** A kecamatan's seat (ibu kota kecamatan) on the regency map, with its funded proposals (0 for the others). */
export interface TransparencySeat {
  code: string;
  name: string;
  place: string;
  latitude: number;
  longitude: number;
  proposals: number;
}

/** One page of the report: totals over everything that matched, the page's proposals grouped, and the map of all. */
export interface TransparencyPage extends TransparencyReport {
  page: number;
  pageSize: number;
  /** Proposals that matched the search and filter, over all pages. */
  total: number;
  map: TransparencyMapDistrict[];
  /** Every kecamatan seat with a known position in the regencies with funded proposals. */
  seats: TransparencySeat[];
}

export interface TransparencyFilter {
  q?: string;
  regionCode?: string;
  page: number;
  pageSize: number;
}

/** The villages of a kecamatan, by code, from the region directory. */
export type VillagesOf = (districtCode: string) => ReadonlyArray<{ code: string; name: string }>;

/** The kecamatan seats of a regency whose position is known. */
export type SeatsOf = (regencyCode: string) => ReadonlyArray<Omit<TransparencySeat, 'proposals'>>;

const within = (regionCode: string, item: FundsReportItem) =>
  item.villageCode === regionCode ||
  item.districtCode === regionCode ||
  item.regencyCode === regionCode ||
  item.villageCode.startsWith(`${regionCode}.`);

/**
 * Searches (title or village name, case-insensitive) and filters (a kecamatan or village) the funds
 * report, pages it by number, and draws the map from every proposal, so the map and the filters'
 * choices stay whole while the list narrows.
 */
export function transparencyPage(
  items: FundsReportItem[],
  filter: TransparencyFilter,
  nameOf: NameOf,
  villagesOf: VillagesOf,
  seatsOf: SeatsOf = () => [],
  now = new Date(),
): TransparencyPage {
  const needle = filter.q?.trim().toLocaleLowerCase('id');
  const matched = items.filter(
    (item) =>
      (!filter.regionCode || within(filter.regionCode, item)) &&
      (!needle || item.title.toLocaleLowerCase('id').includes(needle) || nameOf(item.villageCode).toLocaleLowerCase('id').includes(needle)),
  );
  const whole = transparencyReport(matched, nameOf, now);
  const start = (filter.page - 1) * filter.pageSize;
  const { districts } = transparencyReport(matched.slice(start, start + filter.pageSize), nameOf, now);
  const seats = [...new Set(items.map((item) => item.regencyCode))]
    .sort()
    .flatMap(seatsOf)
    .map((seat) => ({ ...seat, proposals: items.filter((item) => item.districtCode === seat.code).length }));
  return {
    ...whole,
    districts,
    page: filter.page,
    pageSize: filter.pageSize,
    total: matched.length,
    map: transparencyMap(items, nameOf, villagesOf),
    seats,
  };
}

function transparencyMap(items: FundsReportItem[], nameOf: NameOf, villagesOf: VillagesOf): TransparencyMapDistrict[] {
  const funded = new Map<string, FundsReportItem[]>();
  for (const item of items) funded.set(item.villageCode, [...(funded.get(item.villageCode) ?? []), item]);
  const districtCodes = [...new Set(items.map((item) => item.districtCode))].sort();
  return districtCodes.map((code) => {
    const known = villagesOf(code);
    // A village the directory does not list still shows, so no funded proposal falls off the map.
    const villages = [
      ...known,
      ...[...funded.keys()]
        .filter((v) => v.startsWith(`${code}.`) && !known.some((k) => k.code === v))
        .map((v) => ({ code: v, name: nameOf(v) })),
    ];
    return {
      code,
      name: nameOf(code),
      villages: villages.map((village) => {
        const here = funded.get(village.code) ?? [];
        return {
          code: village.code,
          name: village.name,
          proposals: here.length,
          amount: here.reduce((sum, item) => sum + item.amount, 0),
          released: here.reduce((sum, item) => sum + item.released, 0),
        };
      }),
    };
  });
}
