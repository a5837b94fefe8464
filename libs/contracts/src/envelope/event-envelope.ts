import { z } from 'zod';

const Principal = z.object({
  userId: z.string().min(1),
  username: z.string().min(1),
  role: z.string().min(1),
  /** Kemendagri code of the region the user's authority covers (a village, kecamatan or kabupaten). */
  regionCode: z.string().min(1),
});

/** Who caused an event or asks a service; `actingFor` is set when a Plt/Plh acts in another official's place. */
export const ActorSchema = Principal.extend({ actingFor: Principal.optional() });
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
