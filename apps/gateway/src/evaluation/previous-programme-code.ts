import { BadRequestException } from '@nestjs/common';

/**
 * A programme family's code in the year before: programme codes end with their fiscal year
 * (KOTAKU-2026, BK-DESA-2026), and the family is what comes before it, so KOTAKU-2026 → KOTAKU-2025.
 * A code that does not end with its year names no family.
 */
export function previousProgrammeCode(programCode: string, fiscalYear: number): string {
  const suffix = `-${fiscalYear}`;
  if (!programCode.endsWith(suffix) || programCode.length === suffix.length) {
    throw new BadRequestException(`${programCode} does not end with its fiscal year (${suffix}), so its previous year cannot be named`);
  }
  return `${programCode.slice(0, -suffix.length)}-${fiscalYear - 1}`;
}
