import { z } from 'zod';
import { UserViewSchema } from './user-view.schema';

/**
 * `POST /api/v1/auth/login`, answered by the gateway itself. The username is compared in lower case
 * (any letter case logs in); both are bounded so that nobody can make the server hash megabytes. An
 * unknown username and a wrong password get the same 401: only the shape of the input is checked here.
 */
export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1, { message: 'must not be empty' }).max(64),
  password: z.string().min(1, { message: 'must not be empty' }).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** A short-lived access token and who it is for. */
export const LoginResultSchema = z.object({
  /** Send as `Authorization: Bearer <accessToken>`. */
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  /** Seconds until the token expires. */
  expiresIn: z.number().int(),
  user: UserViewSchema,
});
export type LoginResult = z.infer<typeof LoginResultSchema>;
