import { z } from 'zod';
import { ROLES } from '../role';
import { UserRegionCode } from './create-user.request';

/**
 * `PATCH /api/v1/users/:id` (the body): what an administrator changes of a user: the role, the region
 * (which must fit each other, as when adding), whether the account may log in, or its password.
 */
export const UpdateUserRequestSchema = z.strictObject({
  role: z.enum(ROLES).optional(),
  /** Must fit the (new) role, as when the user was added. */
  regionCode: UserRegionCode.optional(),
  /** false deactivates the account: it cannot log in and its tokens stop working. */
  active: z.boolean().optional(),
  /**
   * A new password for a user who forgot theirs, as long as a new account's: given to them in person, they
   * replace it with their own from the console's header. Every token of theirs stops working.
   */
  password: z.string().min(10).max(256).optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequestSchema>;
