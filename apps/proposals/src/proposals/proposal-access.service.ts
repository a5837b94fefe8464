import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, NotFoundError } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { Proposal } from './domain/proposal';
import { ProposalRepository } from './proposal.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The service's authority on region scope: a proposal outside the caller's region is answered
 * exactly like one that does not exist (404), so that no one learns of other villages' proposals.
 */
@Injectable()
export class ProposalAccess {
  constructor(
    private readonly regions: RegionDirectory,
    private readonly proposals: ProposalRepository,
  ) {}

  async visible(db: EntityManager, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<Proposal> {
    const proposal = UUID.test(id) ? await this.proposals.find(db, id, options) : null;
    if (!proposal || !this.covers(actor, proposal.villageCode)) throw new NotFoundError(`No proposal ${id}`);
    return proposal;
  }

  covers(actor: Actor, villageCode: string): boolean {
    return this.regions.covers(actor.regionCode, villageCode);
  }
}
