/** A kecamatan and one of its villages, as a list filtered by region keeps them in the address (`?kecamatan=14.03.09&desa=14.03.09.1004`). */
export interface AddressRegion {
  /** A kecamatan's code, or '' for every one. */
  districtCode: string;
  /** A village of that kecamatan, or '' for every one. */
  villageCode: string;
}

const DISTRICT = /^\d{2}\.\d{2}\.\d{2}$/;
const VILLAGE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/** Reads the region from the address; a code that is none, or a village outside the kecamatan named, is left out. */
export function addressRegionOf(params: URLSearchParams): AddressRegion {
  const district = params.get('kecamatan') ?? '';
  const districtCode = DISTRICT.test(district) ? district : '';
  const village = params.get('desa') ?? '';
  return { districtCode, villageCode: districtCode && VILLAGE.test(village) && village.startsWith(`${districtCode}.`) ? village : '' };
}

/** Names the region in an address's query, leaving out what is not chosen. */
export function setAddressRegion(params: URLSearchParams, region: AddressRegion): URLSearchParams {
  if (region.districtCode) params.set('kecamatan', region.districtCode);
  if (region.villageCode) params.set('desa', region.villageCode);
  return params;
}

/** The code an API narrows to for the region (`regionCode`): the village where one is chosen, else the kecamatan. */
export function regionCodeOf(region: AddressRegion): string | undefined {
  return region.villageCode || region.districtCode || undefined;
}
