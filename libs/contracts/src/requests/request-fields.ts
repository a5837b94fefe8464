import { z } from 'zod';

/**
 * Fields that many requests share, with one limit each. Query strings arrive as text, so numbers
 * and booleans read from them are converted here; JSON callers may send them typed.
 */
export const Uuid = z.guid({ message: 'must be a UUID' });

/** A Kemendagri region code at any level: `14`, `14.03`, `14.03.09` or `14.03.09.1004`. */
export const RegionCode = z
  .string()
  .regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, { message: 'must be a Kemendagri region code such as 14.03.09' });
/** The code of one kelurahan/desa: `14.03.09.1004`. */
export const VillageCode = z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'must be a village code such as 14.03.09.1004' });
/** A programme's code, e.g. `KOTAKU-2026`. */
export const ProgrammeCode = z.string().trim().min(1).max(40);

/**
 * Text a person typed: trimmed, at most `max` characters, and not blank — refused as `required`,
 * which is what a blank field means to the person filling the form.
 */
export const text = (max: number) =>
  z
    .string()
    .trim()
    .refine((value) => value.length > 0, { message: 'must not be empty', params: { code: 'required' }, abort: true })
    .max(max);

/** A whole number in a query string (`?page=2`) or in JSON. */
export const queryInt = (limits: { min?: number; max?: number } = {}) => {
  let schema = z.coerce.number<string | number>().int();
  if (limits.min !== undefined) schema = schema.min(limits.min);
  if (limits.max !== undefined) schema = schema.max(limits.max);
  return schema;
};

/** `true`/`false` in a query string, or a JSON boolean; anything else is refused. */
export const queryBoolean = z.union([z.boolean(), z.enum(['true', 'false'])]).transform((value) => value === true || value === 'true');

/** `page` (from 1) and `pageSize`, the one paging style of the API's lists. */
export function pageQuery(options: { defaultPageSize: number; maxPageSize: number }) {
  return {
    page: queryInt({ min: 1 }).default(1),
    pageSize: queryInt({ min: 1, max: options.maxPageSize }).default(options.defaultPageSize),
  };
}

/** One page of a list and how many there are in all. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A fiscal year (tahun anggaran) in a path, a query string or JSON. */
export const FiscalYear = queryInt({ min: 2000, max: 2100 });

/** `limit` (at most `maxLimit` rows) and `offset`, the paging of lists read a slice at a time. */
export function limitOffsetQuery(options: { defaultLimit: number; maxLimit: number }) {
  return {
    limit: queryInt({ min: 1, max: options.maxLimit }).default(options.defaultLimit),
    offset: queryInt({ min: 0 }).default(0),
  };
}
