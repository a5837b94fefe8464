/**
 * The roles of Alur. LURAH also serves a Kepala Desa. BKM and LURAH act on one village, CAMAT on one
 * kecamatan, the regency roles (DINAS, SEKDA, BUPATI, BPKAD, ADMIN) on the whole kabupaten.
 * VERIFIKATOR is the field verifier of the dinas teknis (tim verifikasi), who checks progress reports
 * on site, for one kecamatan or for the whole kabupaten.
 */
export const ROLES = ['BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN', 'VERIFIKATOR'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The officials who decide approval stages: they have an inbox, are reminded and may choose a daily
 * digest of their reminders, and only they may have a Plt/Plh or be one.
 */
export const DECIDING_ROLES = ['LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI'] as const satisfies readonly Role[];
export type DecidingRole = (typeof DECIDING_ROLES)[number];

/** Whether the role decides approval stages (DECIDING_ROLES). */
export function decidesStages(role: Role): role is DecidingRole {
  return (DECIDING_ROLES as readonly Role[]).includes(role);
}

export type RoleRegionLevel = 'village' | 'district' | 'regency';

/** The region levels each role's authority may be scoped to. */
export const ROLE_REGION_LEVELS: Record<Role, readonly RoleRegionLevel[]> = {
  BKM: ['village'],
  LURAH: ['village'],
  CAMAT: ['district'],
  DINAS: ['regency'],
  SEKDA: ['regency'],
  BUPATI: ['regency'],
  BPKAD: ['regency'],
  ADMIN: ['regency'],
  VERIFIKATOR: ['district', 'regency'],
};

/** The widest region level each role may hold; a VERIFIKATOR may also hold a kecamatan (ROLE_REGION_LEVELS). */
export const ROLE_REGION_LEVEL: Record<Role, RoleRegionLevel> = {
  BKM: 'village',
  LURAH: 'village',
  CAMAT: 'district',
  DINAS: 'regency',
  SEKDA: 'regency',
  BUPATI: 'regency',
  BPKAD: 'regency',
  ADMIN: 'regency',
  VERIFIKATOR: 'regency',
};
