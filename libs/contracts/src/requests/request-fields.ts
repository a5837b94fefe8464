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

/**
 * `page` (from 1) and `pageSize`: the one paging style of the API's lists. Lists that were paged by
 * `limit`/`offset` before still take them (`acceptsLimitOffset`), deprecated: an older client keeps
 * working, and `sliceOf` reads whichever style the caller used.
 */
export function pageQuery(options: { defaultPageSize: number; maxPageSize: number; acceptsLimitOffset?: true }) {
  const page = {
    page: queryInt({ min: 1 }).default(1),
    pageSize: queryInt({ min: 1, max: options.maxPageSize }).default(options.defaultPageSize),
  };
  if (!options.acceptsLimitOffset) return page;
  return {
    ...page,
    /** Deprecated: use `pageSize`. When `limit` or `offset` is given, they take the place of `page`/`pageSize`. */
    limit: queryInt({ min: 1, max: options.maxPageSize }).optional().meta({ deprecated: true }),
    /** Deprecated: use `page`. */
    offset: queryInt({ min: 0 }).optional().meta({ deprecated: true }),
  };
}

/** Which rows of a list a page is: what a repository reads (LIMIT/OFFSET). */
export interface Slice {
  limit: number;
  offset: number;
}

/** The rows a parsed `pageQuery` asks for, in whichever of its two styles it came. */
export function sliceOf(query: { page: number; pageSize: number; limit?: number; offset?: number }): Slice {
  if (query.limit !== undefined || query.offset !== undefined) return { limit: query.limit ?? query.pageSize, offset: query.offset ?? 0 };
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

/** One page of a list and how many there are in all. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A page of a list once paged by `limit`/`offset`: the page, and the slice as older clients read it (deprecated). */
export const pageWithSliceOf = <T extends z.ZodType>(item: T) =>
  pageOf(item).extend({
    /** Deprecated: `pageSize`. */
    limit: z.number().int().meta({ deprecated: true }),
    /** Deprecated: `(page - 1) × pageSize` when paged by page. */
    offset: z.number().int().meta({ deprecated: true }),
  });

/** The answer's paging fields for `slice`: the page it is (or falls in), and the slice itself. */
export function pageFields(slice: Slice): { page: number; pageSize: number; limit: number; offset: number } {
  return { page: Math.floor(slice.offset / slice.limit) + 1, pageSize: slice.limit, ...slice };
}

/** A fiscal year (tahun anggaran) in a path, a query string or JSON. */
export const FiscalYear = queryInt({ min: 2000, max: 2100 });
