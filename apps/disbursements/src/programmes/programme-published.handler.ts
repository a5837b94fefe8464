import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProgrammePublishedPayload, ProgrammePublishedV1 } from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';

/**
 * Keeps a local copy of every published programme version: a proposal is funded by the tranche plan
 * and ceiling of the version it was submitted under, and published versions never change.
 */
@Injectable()
export class ProgrammePublishedHandler {
  @HandleEvent(ProgrammePublishedV1)
  async onProgrammePublished(event: EventEnvelope<ProgrammePublishedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
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
}
