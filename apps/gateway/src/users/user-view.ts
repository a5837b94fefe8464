import type { UserView } from '@alur/contracts';
import type { RegionDirectory } from '@alur/regions';
import { UserAccount } from './domain/user-account';

/** A user as the API shows them (UserViewSchema): everything but the password hash, and their region named. */
export function userViewOf(user: UserAccount, regions: RegionDirectory): UserView {
  return {
    id: user.id,
    username: user.username,
    role: user.role,
    regionCode: user.regionCode,
    regionName: regions.placeNameOf(user.regionCode),
    displayName: user.displayName,
    language: user.language,
    email: user.email,
    phone: user.phone,
    active: user.active,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}
