/** A small JSON object of plain values, as kept in a jsonb column (a stage summary, an entry's details). */
export type FlatJson = { [key: string]: string | number | boolean | null };
