import { AUDIT_TRAIL_MIGRATIONS, ProposalAuditObjects } from '@alur/audit';
import { ProgrammeVersionEntity } from '../programmes/programme-version.entity';
import { ProposalBudgetItemEntity } from '../proposals/proposal-budget-item.entity';
import { ProposalTimelineEntryEntity } from '../proposals/proposal-timeline-entry.entity';
import { ProposalEntity } from '../proposals/proposal.entity';
import { AddProgrammeChecklists1764200000014 } from './migrations/add-programme-checklists.migration';
import { AddPayeeAccount1765900000000 } from './migrations/add-payee-account.migration';
import { AddProposalDocuments1764100000002 } from './migrations/add-proposal-documents.migration';
import { CreateProposalsTables1764000000001 } from './migrations/create-proposals-tables.migration';

/** The proposals service's tables. */
export const PROPOSALS_ENTITIES = [ProgrammeVersionEntity, ProposalEntity, ProposalBudgetItemEntity, ProposalTimelineEntryEntity];

/** Its migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const PROPOSALS_MIGRATIONS = [
  ...AUDIT_TRAIL_MIGRATIONS,
  CreateProposalsTables1764000000001,
  AddProposalDocuments1764100000002,
  AddProgrammeChecklists1764200000014,
  AddPayeeAccount1765900000000,
];

/** The proposals service's records about a proposal: the proposal's own (drafted, submitted, approved, funded…). */
export const PROPOSALS_AUDIT_OBJECTS: ProposalAuditObjects = (p) => `SELECT 'proposal', ${p}::uuid::text`;
