import { AUDIT_TRAIL_MIGRATIONS } from '@alur/audit';
import { RetentionRule } from '@alur/database';
import { AddIdempotencyKeyRetentionIndex1764500000001 } from './migrations/add-idempotency-key-retention-index.migration';
import { AddProgressVerification1764200000014 } from './migrations/add-progress-verification.migration';
import { AddProposalWithdrawals1764200000001 } from './migrations/add-proposal-withdrawals.migration';
import { AddTwoPersonReleases1764600000001 } from './migrations/add-two-person-releases.migration';
import { CreateDisbursementsTables1764100000001 } from './migrations/create-disbursements-tables.migration';

/** The disbursements service's migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const DISBURSEMENTS_MIGRATIONS = [
  ...AUDIT_TRAIL_MIGRATIONS,
  CreateDisbursementsTables1764100000001,
  AddProposalWithdrawals1764200000001,
  AddProgressVerification1764200000014,
  AddIdempotencyKeyRetentionIndex1764500000001,
  AddTwoPersonReleases1764600000001,
];

/**
 * An Idempotency-Key answers a client's retry of the same request: days at most. A release can never
 * happen twice without it anyway (a tranche is released once, an SP2D number is unique).
 */
export const DISBURSEMENTS_RETENTION: RetentionRule[] = [{ table: 'idempotency_key', olderThan: 'created_at', hours: 30 * 24 }];
