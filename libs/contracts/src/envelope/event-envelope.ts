import { z } from 'zod';

/** Who caused an event; `actingFor` is set when a Plt/Plh acted in another official's place. */
export const ActorSchema = z.object({
  userId: z.string().min(1),
  role: z.string().min(1),
  actingFor: z.object({ userId: z.string().min(1), role: z.string().min(1) }).optional(),
});
export type Actor = z.infer<typeof ActorSchema>;

/** The common envelope every event travels in; `payload` is checked against the event's own schema. */
export const EventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().regex(/^[a-z-]+\.[a-z-]+$/),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  aggregateType: z.string().min(1),
  aggregateId: z.string().min(1),
  actor: ActorSchema.nullable(),
  correlationId: z.string().min(1),
  payload: z.unknown(),
});
export type EventEnvelope<P = unknown> = Omit<z.infer<typeof EventEnvelopeSchema>, 'payload'> & { payload: P };
