import { z } from 'zod';
import { pageQuery, pageWithSliceOf, RegionCode } from '../../requests/request-fields';
import { ROLES } from '../role';
import { UserViewSchema } from './user-view.schema';

/** `GET /api/v1/users`: users within the administrator's region, by username. */
export const ListUsersRequestSchema = z.strictObject({
  ...pageQuery({ defaultPageSize: 100, maxPageSize: 500, acceptsLimitOffset: true }),
  role: z.enum(ROLES).optional(),
  /** Users whose region lies within this one (e.g. a kecamatan code). */
  regionCode: RegionCode.optional(),
  /** Text in the username or the display name. */
  q: z.string().max(100).optional(),
});
export type ListUsersRequest = z.infer<typeof ListUsersRequestSchema>;

/** One page of users and how many match in all. */
export const UserListSchema = pageWithSliceOf(UserViewSchema);
export type UserList = z.infer<typeof UserListSchema>;
