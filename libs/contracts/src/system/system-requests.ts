import { z } from 'zod';
import { defineRequest } from '../requests/request-contract';

/** What `<service>.system.ping` answers: proof that request/reply reaches the service. */
export const SystemPongSchema = z.object({ service: z.string(), startedAt: z.string(), uptimeSeconds: z.number().int() });
export type SystemPong = z.infer<typeof SystemPongSchema>;

/** A service's event spine in figures (`<service>.system.spine`, ADMIN): outbox, consumer, dead letters. */
export const SpineFiguresSchema = z.object({
  /** `down`: the service cannot receive events; `degraded`: it works, but something needs an operator. */
  state: z.enum(['ok', 'degraded', 'down']),
  reasons: z.array(z.string()),
  outbox: z.object({ unpublished: z.number().int(), oldestSeconds: z.number() }),
  /** Absent for a service that handles no events. */
  consumer: z
    .object({
      pending: z.number().int(),
      waiting: z.number().int(),
      retrying: z.number().int(),
      deadLetters: z.number().int(),
      parkedAggregates: z.number().int(),
      heldBehindDeadLetters: z.number().int(),
      oldestPendingSeconds: z.number(),
      running: z.boolean(),
      undelivered: z.number().int().nullable(),
      ackPending: z.number().int().nullable(),
    })
    .optional(),
});
export type SpineFigures = z.infer<typeof SpineFiguresSchema>;
export const SystemSpineSchema = SpineFiguresSchema.extend({ service: z.string() });
export type SystemSpine = z.infer<typeof SystemSpineSchema>;

/** Every service answers the same two system requests, each on its own pattern. */
export const SystemPing = (service: string) =>
  defineRequest(`${service}.system.ping`, { request: z.strictObject({}), answer: SystemPongSchema });
export const SystemSpineRequest = (service: string) =>
  defineRequest(`${service}.system.spine`, { request: z.strictObject({}), answer: SystemSpineSchema });
