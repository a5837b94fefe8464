import { Actor, ConflictError, ForbiddenError, InvalidInputError, type Role, RefusalCode } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { roleRegionMismatch } from './role-region.policy';
import { UserStanding } from './user-account';

/**
 * Where an administrator may put a user: a region that fits the role (400 naming `regionCode`
 * otherwise), within the administrator's own region (403 otherwise; `doing` says what was refused).
 */
export function requirePlacement(regions: RegionDirectory, admin: Actor, role: Role, regionCode: string, doing: 'add' | 'place'): void {
  const mismatch = roleRegionMismatch(regions, role, regionCode);
  if (mismatch) throw new InvalidInputError([{ field: 'regionCode', reason: mismatch, code: RefusalCode.RegionNotForRole }]);
  if (!regions.covers(admin.regionCode, regionCode)) {
    throw new ForbiddenError(`You may ${doing} users only within region ${admin.regionCode}`);
  }
}

/** An administrator may not lock themselves out: no deactivating or demoting their own account. */
export function requireNotOwnLockOut(admin: Actor, user: { id: string } & UserStanding, change: Partial<UserStanding>): void {
  if (user.id === admin.userId && (change.active === false || (change.role !== undefined && change.role !== user.role))) {
    throw new ConflictError('An administrator cannot deactivate or demote their own account', { code: RefusalCode.OwnAccount });
  }
}
