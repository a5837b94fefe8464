import { CreateAuditTrail1764000000000 } from '@alur/audit';
import { AddProgressVerification1764200000014 } from './migrations/add-progress-verification.migration';
import { AddProposalWithdrawals1764200000001 } from './migrations/add-proposal-withdrawals.migration';
import { CreateDisbursementsTables1764100000001 } from './migrations/create-disbursements-tables.migration';

/** The disbursements service's migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const DISBURSEMENTS_MIGRATIONS = [
  CreateAuditTrail1764000000000,
  CreateDisbursementsTables1764100000001,
  AddProposalWithdrawals1764200000001,
  AddProgressVerification1764200000014,
];
