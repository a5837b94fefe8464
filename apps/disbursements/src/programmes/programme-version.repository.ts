import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { EligibleRegions, EligibleRegionsSchema, ProgrammePublishedPayload, TrancheSchema } from '@alur/contracts';
import { jsonField, queryRows, rupiahField } from '@alur/database';
import { ProgrammeVersion } from './domain/programme-version';

const ProgrammeVersionColumns = z.object({
  code: z.string(),
  version: z.number().int(),
  fiscal_year: z.number().int(),
  tranche_plan: jsonField(z.array(TrancheSchema)),
  ceiling_region_level: z.enum(['village', 'district', 'regency']),
  ceiling_amount: rupiahField,
});
const programmeVersionOf = (row: z.output<typeof ProgrammeVersionColumns>): ProgrammeVersion => ({
  code: row.code,
  version: row.version,
  fiscalYear: row.fiscal_year,
  tranchePlan: row.tranche_plan,
  ceilingRegionLevel: row.ceiling_region_level,
  ceilingAmount: row.ceiling_amount,
});
const ProgrammeVersionRow = ProgrammeVersionColumns.transform(programmeVersionOf);
const OpenProgrammeRow = ProgrammeVersionColumns.extend({
  definition: jsonField(z.object({ eligibleRegions: EligibleRegionsSchema })),
}).transform((row): ProgrammeVersion & { eligibleRegions: EligibleRegions } => ({
  ...programmeVersionOf(row),
  eligibleRegions: row.definition.eligibleRegions,
}));

const PhotosRequiredRow = z.object({ photos_required: z.boolean() });
const EligibleRegionsRow = z.object({ definition: jsonField(z.object({ eligibleRegions: EligibleRegionsSchema })) });

/** The published programme versions this service keeps (programme_version): read-only once written. */
@Injectable()
export class ProgrammeVersionRepository {
  async find(db: EntityManager, code: string, version: number): Promise<ProgrammeVersion | undefined> {
    const [programme] = await queryRows(db, ProgrammeVersionRow, 'SELECT * FROM programme_version WHERE code = $1 AND version = $2', [
      code,
      version,
    ]);
    return programme;
  }

  /** The newest version of a programme for a fiscal year: it says what a new ceiling of that year starts at. */
  async findLatest(db: EntityManager, code: string, fiscalYear: number): Promise<ProgrammeVersion | undefined> {
    const [programme] = await queryRows(
      db,
      ProgrammeVersionRow,
      'SELECT * FROM programme_version WHERE code = $1 AND fiscal_year = $2 ORDER BY version DESC LIMIT 1',
      [code, fiscalYear],
    );
    return programme;
  }

  /**
   * The newest version of each programme for each fiscal year asked for (one year, or every year from
   * `fromYear` on), with the regions it is open to: what each of its ceilings starts at, and where.
   */
  async latestPerYear(
    db: EntityManager,
    filter: { programCode?: string; fiscalYear?: number; fromYear: number },
  ): Promise<Array<ProgrammeVersion & { eligibleRegions: EligibleRegions }>> {
    const params: unknown[] = [];
    const where = [
      filter.fiscalYear === undefined
        ? `fiscal_year >= $${params.push(filter.fromYear)}`
        : `fiscal_year = $${params.push(filter.fiscalYear)}`,
    ];
    if (filter.programCode) where.push(`code = $${params.push(filter.programCode)}`);
    return queryRows(
      db,
      OpenProgrammeRow,
      `SELECT DISTINCT ON (code, fiscal_year) * FROM programme_version WHERE ${where.join(' AND ')} ORDER BY code, fiscal_year, version DESC`,
      params,
    );
  }

  /** Keeps a published version; one heard again changes nothing. */
  async add(tx: EntityManager, p: ProgrammePublishedPayload): Promise<void> {
    await tx.query(
      `INSERT INTO programme_version (code, version, fiscal_year, tranche_plan, ceiling_region_level, ceiling_amount, definition, published_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (code, version) DO NOTHING`,
      [
        p.code,
        p.version,
        p.fiscalYear,
        JSON.stringify(p.tranchePlan),
        p.budgetCeiling.regionLevel,
        String(p.budgetCeiling.amount),
        JSON.stringify(p),
        p.publishedAt,
      ],
    );
  }

  /** Whether the version asks a progress report for photos (false when the version is unknown or does not say). */
  async photosRequired(db: EntityManager, code: string, version: number): Promise<boolean> {
    const [programme] = await queryRows(
      db,
      PhotosRequiredRow,
      `SELECT coalesce((definition->>'progressPhotosRequired')::boolean, false) AS photos_required FROM programme_version WHERE code = $1 AND version = $2`,
      [code, version],
    );
    return programme?.photos_required ?? false;
  }

  /** The regions the newest version of a programme for a fiscal year is open to; undefined when there is none. */
  async latestEligibleRegions(db: EntityManager, code: string, fiscalYear: number): Promise<EligibleRegions | undefined> {
    const [programme] = await queryRows(
      db,
      EligibleRegionsRow,
      'SELECT definition FROM programme_version WHERE code = $1 AND fiscal_year = $2 ORDER BY version DESC LIMIT 1',
      [code, fiscalYear],
    );
    return programme?.definition.eligibleRegions;
  }
}
