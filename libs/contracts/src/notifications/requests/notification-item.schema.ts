import { z } from 'zod';

/** One in-app notification as its reader sees it, in their language. */
export const NotificationItemSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Where the console shows what it is about. */
  link: z.string().nullable(),
  proposalId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItemSchema>;
