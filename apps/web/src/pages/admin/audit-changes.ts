/** One field a change touched, its values shortened for a table cell ('—' where it had none). */
export interface ChangedField {
  field: string;
  before: string;
  after: string;
}

const LONGEST = 60;

function shown(value: unknown): string {
  if (value === undefined || value === null) return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > LONGEST ? `${text.slice(0, LONGEST - 1)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields an audit record's `before` and `after` differ in, in the order they first appear: what an
 * administrator reads at a glance (a created thing has only `after`, a removed one only `before`). Anything
 * but two objects (or one and nothing) is left to the record's details.
 */
export function changedFields(before: unknown, after: unknown): ChangedField[] {
  const from = before ?? {};
  const to = after ?? {};
  if (!isRecord(from) || !isRecord(to)) return [];
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields
    .filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
    .map((field) => ({ field, before: shown(from[field]), after: shown(to[field]) }));
}
