import { Role } from '@alur/contracts';

/** Everyone holding `role` over exactly `regionCode` (e.g. the BKM of a village, the Camat of a kecamatan). */
export interface Audience {
  role: Role;
  regionCode: string;
}

export function sameAudience(a: Audience, b: Audience): boolean {
  return a.role === b.role && a.regionCode === b.regionCode;
}
