import { SetMetadata } from '@nestjs/common';
import { Role } from '@alur/contracts';

export const ROLES_KEY = 'alur:roles';

/** Limits a route (or a whole controller) to these roles; anyone else logged in gets 403. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
