import { Module } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { ProgrammeRepository } from '../programmes/programme.repository';
import { ProposalRepository } from '../proposals/proposal.repository';

const PERSISTENCE = [Transactions, ProgrammeRepository, ProposalRepository];

/** The service's repositories (each owns its tables' queries) and its transactions, for every feature module here. */
@Module({ providers: PERSISTENCE, exports: PERSISTENCE })
export class ProposalsPersistenceModule {}
