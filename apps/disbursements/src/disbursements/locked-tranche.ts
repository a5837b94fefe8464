import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, ConflictError, NotFoundError } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { Tranche } from '../tranches/domain/tranche';
import { TrancheRepository } from '../tranches/tranche.repository';
import { Disbursement } from './domain/disbursement';
import { DisbursementRepository } from './disbursement.repository';

export interface LockedTranche {
  disbursement: Disbursement;
  tranche: Tranche;
  /** How many tranches the disbursement has. */
  trancheCount: number;
}

/**
 * The disbursement and one of its tranches, row-locked (disbursement first, as every writer of a
 * release takes them), so that the steps of one tranche's release run one after another. 404 outside
 * the caller's region; 409 for a withdrawn proposal or one still waiting for budget.
 */
@Injectable()
export class TrancheLocks {
  constructor(
    private readonly disbursements: DisbursementRepository,
    private readonly tranches: TrancheRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async lock(tx: EntityManager, actor: Actor, disbursementId: string, trancheNumber: number): Promise<LockedTranche> {
    const disbursement = await this.disbursements.lock(tx, disbursementId);
    if (!disbursement || !this.regions.covers(actor.regionCode, disbursement.villageCode)) {
      throw new NotFoundError(`Disbursement ${disbursementId} not found`);
    }
    if (disbursement.status === 'WITHDRAWN')
      throw new ConflictError('This proposal was withdrawn: its commitment was released and nothing can be paid out');
    if (disbursement.status === 'AWAITING_BUDGET') {
      throw new ConflictError('This proposal is still waiting for budget: nothing can be released before it is committed');
    }
    const locked = await this.tranches.lock(tx, disbursement.id, trancheNumber);
    if (!locked) throw new NotFoundError(`Disbursement ${disbursement.id} has no tranche ${trancheNumber}`);
    return { disbursement, ...locked };
  }
}
