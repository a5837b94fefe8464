import { z } from 'zod';
import { RefusalCode } from '../../errors/refusal-code';
import { text } from '../../requests/request-fields';
import { ROLES } from '../role';
import { USER_LANGUAGES } from './user-view.schema';

/** 3 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit: `lurah.14.03.09.1004`. */
export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/**
 * The region a user acts on. Whether it fits the role (a village for BKM/LURAH, a kecamatan for CAMAT,
 * the kabupaten otherwise) and whether it is a known code needs the region directory: the gateway
 * checks that (400 `region_not_for_role`), so the shape here is only bounded text.
 */
export const UserRegionCode = z
  .string()
  .max(20)
  .refine((code) => code.length > 0, { message: 'must not be empty', params: { code: RefusalCode.Required } });

/** `POST /api/v1/users`: an administrator adds a user to their own kabupaten. */
export const CreateUserRequestSchema = z.strictObject({
  username: z.string().regex(USERNAME_PATTERN, { message: 'username must be 3 to 64 lower-case letters, digits, ".", "_" or "-"' }),
  password: z.string().min(10).max(256),
  role: z.enum(ROLES),
  /** A village for BKM/LURAH, a kecamatan for CAMAT, the kabupaten otherwise. */
  regionCode: UserRegionCode,
  displayName: text(200),
  language: z.enum(USER_LANGUAGES).default('id'),
  /** Left out or null: none. */
  email: z.email().max(254).nullish(),
  phone: z
    .string()
    .regex(/^\+?[0-9]{8,15}$/, { message: 'phone must be 8 to 15 digits, optionally starting with +' })
    .nullish(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;
export type CreateUserRequestInput = z.input<typeof CreateUserRequestSchema>;
