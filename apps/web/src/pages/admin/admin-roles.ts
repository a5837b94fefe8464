import type { Role } from '@alur/contracts';

/** The roles in the order the administration pages offer them: the village's, the kecamatan's, then the regency's. */
export const ALL_ROLES: readonly Role[] = [
  'BKM',
  'LURAH',
  'CAMAT',
  'VERIFIKATOR',
  'DINAS',
  'SEKDA',
  'BUPATI',
  'BPKAD',
  'INSPEKTORAT',
  'ADMIN',
];
