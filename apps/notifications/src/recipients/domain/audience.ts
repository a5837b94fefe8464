import { Role } from '@alur/contracts';

/** Everyone holding `role` over exactly `regionCode` (e.g. the BKM of a village, the Camat of a kecamatan). */
export interface Audience {
  role: Role;
  regionCode: string;
  /**
   * Who hears in its place when nobody answers for this one (no active holder, no acting official in force): a
   * kecamatan without a field verifier of its own leaves its reports to the regency's.
   */
  orElse?: Audience;
}

export function sameAudience(a: Pick<Audience, 'role' | 'regionCode'>, b: Pick<Audience, 'role' | 'regionCode'>): boolean {
  return a.role === b.role && a.regionCode === b.regionCode;
}

/** The audiences and every one that may stand in for them: all the directory is asked about. */
export function withStandIns(audiences: readonly Audience[]): Audience[] {
  return audiences.flatMap((audience) => (audience.orElse ? [audience, ...withStandIns([audience.orElse])] : [audience]));
}
