/**
 * A count and its noun in English: `1 tranche`, `3 tranches`, `0 reports`. Indonesian needs no such
 * help (`1 termin`, `3 termin`); English texts that show a count that may be 1 go through this.
 */
export function englishCount(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
