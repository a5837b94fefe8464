/**
 * The roles of Alur. LURAH also serves a Kepala Desa. BKM and LURAH act on one village, CAMAT on one
 * kecamatan, the regency roles (DINAS, SEKDA, BUPATI, BPKAD, ADMIN, INSPEKTORAT) on the whole kabupaten.
 * VERIFIKATOR is the field verifier of the dinas teknis (tim verifikasi), who checks progress reports
 * on site, for one kecamatan or for the whole kabupaten. INSPEKTORAT is the regency's internal auditor
 * (Inspektorat Daerah, the APIP), and through its accounts the BPK's examiners: it reads everything of the
 * kabupaten, the audit trails included, and changes nothing.
 */
export const ROLES = ['BKM', 'LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN', 'VERIFIKATOR', 'INSPEKTORAT'] as const;
export type Role = (typeof ROLES)[number];

/** Who reads the regency's figures (dashboard, evaluation): its officials, finance, the administrator and the inspectorate. */
export const REGENCY_OVERVIEW_ROLES = ['DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN', 'INSPEKTORAT'] as const satisfies readonly Role[];

/** Who reads the ceilings (pagu) and a fiscal year's carry-over: finance, the administrator and the inspectorate. */
export const BUDGET_READING_ROLES = ['BPKAD', 'ADMIN', 'INSPEKTORAT'] as const satisfies readonly Role[];

/**
 * Who reads the audit trails: the administrator and the inspectorate. An inspector needs no administrator
 * to read for them, and no power over the accounts whose actions they examine.
 */
export const AUDIT_READING_ROLES = ['ADMIN', 'INSPEKTORAT'] as const satisfies readonly Role[];

/** Whether the role is one of `roles` (a role group above). */
export function isOneOf(role: Role, roles: readonly Role[]): boolean {
  return roles.includes(role);
}

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
  INSPEKTORAT: ['regency'],
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
  INSPEKTORAT: 'regency',
};
