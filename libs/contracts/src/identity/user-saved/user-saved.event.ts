import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { ROLES } from '../role';

/**
 * A user was created or changed in the gateway, which owns identities. Other services keep the copy
 * they need (notifications: who to tell, in which language, on which address). Aggregate: the user id.
 */
export const UserSavedV1 = defineEvent({
  context: 'identity',
  name: 'user-saved',
  version: 1,
  aggregateType: 'user',
  schema: z.object({
    userId: z.uuid(),
    username: z.string().min(1),
    displayName: z.string().min(1),
    role: z.enum(ROLES),
    regionCode: z.string().min(1),
    language: z.enum(['id', 'en']),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    active: z.boolean(),
  }),
});
export type UserSavedPayload = z.infer<typeof UserSavedV1.schema>;
