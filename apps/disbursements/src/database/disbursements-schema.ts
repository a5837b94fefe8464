import { AUDIT_TRAIL_MIGRATIONS, ProposalAuditObjects } from '@alur/audit';
import { AddIdempotencyKeyRetentionIndex1764500000001 } from './migrations/add-idempotency-key-retention-index.migration';
import { AddProgressVerification1764200000014 } from './migrations/add-progress-verification.migration';
import { AddProposalWithdrawals1764200000001 } from './migrations/add-proposal-withdrawals.migration';
import { AddReturnedSpm1765700000001 } from './migrations/add-returned-spm.migration';
import { AddTwoPersonReleases1764600000001 } from './migrations/add-two-person-releases.migration';
import { CreateDisbursementsTables1764100000001 } from './migrations/create-disbursements-tables.migration';
import { DropIdempotencyKeys1765600000001 } from './migrations/drop-idempotency-keys.migration';
import { KeepPayeeAccounts1765900000001 } from './migrations/keep-payee-accounts.migration';

/** The disbursements service's migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const DISBURSEMENTS_MIGRATIONS = [
  ...AUDIT_TRAIL_MIGRATIONS,
  CreateDisbursementsTables1764100000001,
  AddProposalWithdrawals1764200000001,
  AddProgressVerification1764200000014,
  AddIdempotencyKeyRetentionIndex1764500000001,
  AddTwoPersonReleases1764600000001,
  DropIdempotencyKeys1765600000001,
  AddReturnedSpm1765700000001,
  KeepPayeeAccounts1765900000001,
];

/**
 * The disbursements service's records about a proposal: the proposal's wait for budget, its disbursement (committed,
 * progress reported and verified) and its tranches (`<disbursement>/<number>`: prepared, returned, released).
 */
export const DISBURSEMENTS_AUDIT_OBJECTS: ProposalAuditObjects = (p) =>
  `SELECT 'proposal', ${p}::uuid::text
   UNION ALL SELECT 'disbursement', id::text FROM disbursement WHERE proposal_id = ${p}::uuid
   UNION ALL SELECT 'tranche', t.disbursement_id || '/' || t.number
               FROM tranche t JOIN disbursement d ON d.id = t.disbursement_id WHERE d.proposal_id = ${p}::uuid`;
