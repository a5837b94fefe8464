/**
 * The roles of Alur. LURAH also serves a Kepala Desa. BKM and LURAH act on one village, CAMAT on one
 * kecamatan, the regency roles (DINAS, SEKDA, BUPATI, BPKAD, ADMIN) on the whole kabupaten.
 */
export const ROLES = ['BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** The region level each role's authority is scoped to. */
export const ROLE_REGION_LEVEL: Record<Role, 'village' | 'district' | 'regency'> = {
  BKM: 'village',
  LURAH: 'village',
  CAMAT: 'district',
  DINAS: 'regency',
  SEKDA: 'regency',
  BUPATI: 'regency',
  BPKAD: 'regency',
  ADMIN: 'regency',
};
