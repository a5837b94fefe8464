import { z } from 'zod';
import { queryInt } from '../../requests/request-fields';

/** A tranche's (termin's) number within its disbursement, from 1. */
export const TrancheNumber = queryInt({ min: 1, max: 100 });

/** An SP2D number as the treasury writes it, e.g. `0042/SP2D/LS/BPKAD/2026`: refused, not trimmed, with spaces around it. */
export const Sp2dNumber = z
  .string()
  .min(1)
  .max(100)
  .regex(/^\S(.*\S)?$/, { message: 'must not start or end with spaces' });

/** An instant with its time zone offset, e.g. `2026-03-02T09:00:00+07:00` (or `Z`). */
export const OffsetDateTime = z.iso.datetime({
  offset: true,
  message: 'must be a date-time with a time zone offset, e.g. 2026-03-02T09:00:00+07:00',
});

/** A programme's code where it names a resource (a path): capital letters, digits and dashes. */
export const ProgrammeCodeParam = z
  .string()
  .max(40)
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, { message: 'must be a programme code such as BK-DESA-2026' });

/** The caller's Idempotency-Key, passed on by the gateway: visible ASCII, as the gateway checked the header. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, { message: 'must be 1 to 255 visible ASCII characters' });
