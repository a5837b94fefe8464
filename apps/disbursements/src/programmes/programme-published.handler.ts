import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProgrammePublishedPayload, ProgrammePublishedV1 } from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { ProgrammeVersionRepository } from './programme-version.repository';

/**
 * Keeps a local copy of every published programme version: a proposal is funded by the tranche plan
 * and ceiling level of the version it was submitted under, and published versions never change. A
 * region's pagu starts at the latest version's default.
 */
@Injectable()
export class ProgrammePublishedHandler {
  constructor(private readonly programmes: ProgrammeVersionRepository) {}

  @HandleEvent(ProgrammePublishedV1)
  async onProgrammePublished(event: EventEnvelope<ProgrammePublishedPayload>, tx: EntityManager): Promise<void> {
    await this.programmes.add(tx, event.payload);
  }
}
