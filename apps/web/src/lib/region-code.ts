import type { RoleRegionLevel } from '@alur/contracts';

/** The level a Kemendagri code names by its parts: `14.03` a regency, `14.03.09` a kecamatan, `14.03.09.1004` a village. */
export function levelOfCode(code: string): RoleRegionLevel | undefined {
  return ({ 2: 'regency', 3: 'district', 4: 'village' } as const)[code.split('.').length as 2 | 3 | 4];
}

/** The kecamatan a code lies in (`14.03.09` of `14.03.09.1004`); '' for a regency or nothing. */
export function districtCodeOf(code: string): string {
  const parts = code.split('.');
  return parts.length >= 3 ? parts.slice(0, 3).join('.') : '';
}

/** The kabupaten a code lies in (`14.03` of `14.03.09.1004`), as a regency official's own region is. */
export function regencyCodeOf(code: string): string {
  return code.split('.').slice(0, 2).join('.');
}
