import { FundsReportItem } from '@alur/contracts';

export interface MoneyTotals {
  proposals: number;
  amount: number;
  committed: number;
  released: number;
}

export type TransparencyProposal = Omit<FundsReportItem, 'villageCode' | 'districtCode' | 'regencyCode'>;

export interface TransparencyVillage extends MoneyTotals {
  code: string;
  name: string;
  items: TransparencyProposal[];
}

export interface TransparencyDistrict extends MoneyTotals {
  code: string;
  name: string;
  villages: TransparencyVillage[];
}

/** The public page's figures: per kecamatan, per village, per approved proposal. */
export interface TransparencyReport {
  generatedAt: string;
  totals: MoneyTotals;
  districts: TransparencyDistrict[];
}

/** Looks up a region's name; the code itself when the directory does not know it. */
export type NameOf = (code: string) => string;

const zero = (): MoneyTotals => ({ proposals: 0, amount: 0, committed: 0, released: 0 });

function add(totals: MoneyTotals, item: FundsReportItem): void {
  totals.proposals += 1;
  totals.amount += item.amount;
  totals.committed += item.committed;
  totals.released += item.released;
}

/** Groups the funds report by kecamatan and village, adding up whole rupiah as integers. */
export function transparencyReport(items: FundsReportItem[], nameOf: NameOf, now = new Date()): TransparencyReport {
  const totals = zero();
  const districts = new Map<string, TransparencyDistrict>();
  for (const item of items) {
    add(totals, item);
    let district = districts.get(item.districtCode);
    if (!district) {
      district = { code: item.districtCode, name: nameOf(item.districtCode), ...zero(), villages: [] };
      districts.set(item.districtCode, district);
    }
    add(district, item);
    let village = district.villages.find((v) => v.code === item.villageCode);
    if (!village) {
      village = { code: item.villageCode, name: nameOf(item.villageCode), ...zero(), items: [] };
      district.villages.push(village);
    }
    add(village, item);
    const { villageCode: _v, districtCode: _d, regencyCode: _r, ...proposal } = item;
    village.items.push(proposal);
  }
  const byCode = (a: { code: string }, b: { code: string }) => a.code.localeCompare(b.code);
  const sorted = [...districts.values()].sort(byCode);
  for (const district of sorted) district.villages.sort(byCode);
  return { generatedAt: now.toISOString(), totals, districts: sorted };
}
