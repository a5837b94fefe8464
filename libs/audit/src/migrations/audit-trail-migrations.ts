import { AddAuditChainHead1765300000000 } from './add-audit-chain-head.migration';
import { CreateAuditTrail1764000000000 } from './create-audit-trail.migration';
import { IndexAuditTrailReads1765800000000 } from './index-audit-trail-reads.migration';
import { KeepAuditHeadLink1765500000000 } from './keep-audit-head-link.migration';
import { PartitionAuditChain1765400000000 } from './partition-audit-chain.migration';

export {
  AddAuditChainHead1765300000000,
  CreateAuditTrail1764000000000,
  IndexAuditTrailReads1765800000000,
  KeepAuditHeadLink1765500000000,
  PartitionAuditChain1765400000000,
};

/** The audit trail's migrations, in order: every service that keeps one includes them in its own. */
export const AUDIT_TRAIL_MIGRATIONS = [
  CreateAuditTrail1764000000000,
  AddAuditChainHead1765300000000,
  PartitionAuditChain1765400000000,
  KeepAuditHeadLink1765500000000,
  IndexAuditTrailReads1765800000000,
];
