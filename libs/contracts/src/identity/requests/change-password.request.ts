import { z } from 'zod';
import { RefusalCode } from '../../errors/refusal-code';

/**
 * `PUT /api/v1/auth/password`, answered by the gateway itself: the logged-in user replaces the password an
 * administrator gave them (or their own). The current one proves it is them, not someone holding their open
 * session; the new one is held to the same length as a new account's. Answered with a fresh access token:
 * every token issued before, on any device, stops working.
 */
export const ChangePasswordRequestSchema = z
  .strictObject({
    currentPassword: z.string().min(1, { message: 'must not be empty' }).max(256),
    newPassword: z.string().min(10).max(256),
  })
  .refine((change) => change.newPassword !== change.currentPassword, {
    path: ['newPassword'],
    message: 'must differ from the current password',
    params: { code: RefusalCode.PasswordUnchanged },
  });
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;
