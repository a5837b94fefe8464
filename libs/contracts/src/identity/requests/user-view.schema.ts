import { z } from 'zod';
import { ROLES } from '../role';

/** Languages a user reads notifications and messages in; Bahasa Indonesia unless they choose English. */
export const USER_LANGUAGES = ['id', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** A user as the API shows them: everything but the password hash. */
export const UserViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  /** The region as readers name it ("Balik Alam, Kec. Mandau", "Kabupaten Bengkalis"). */
  regionName: z.string(),
  displayName: z.string(),
  language: z.enum(USER_LANGUAGES),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type UserView = z.infer<typeof UserViewSchema>;
