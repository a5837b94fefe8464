import { AUDIT_TRAIL_MIGRATIONS, ProposalAuditObjects } from '@alur/audit';
import { RetentionRule } from '@alur/database';
import { AddDeliveryAttemptRetentionIndex1765000000002 } from './migrations/add-delivery-attempt-retention-index.migration';
import { CreateNotificationsTables1765000000001 } from './migrations/create-notifications-tables.migration';
import { CreateProgrammeNameTable1765000000003 } from './migrations/create-programme-name-table.migration';

/** The notifications service's migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const NOTIFICATIONS_MIGRATIONS = [
  ...AUDIT_TRAIL_MIGRATIONS,
  CreateNotificationsTables1765000000001,
  AddDeliveryAttemptRetentionIndex1765000000002,
  CreateProgrammeNameTable1765000000003,
];

/** The attempt log of a delivery that went out is kept half a year; failed ones stay for the operators. */
export const NOTIFICATIONS_RETENTION: RetentionRule[] = [
  {
    table: 'delivery_attempt',
    olderThan: 'occurred_at',
    hours: 183 * 24,
    where: `EXISTS (SELECT 1 FROM delivery d WHERE d.id = delivery_attempt.delivery_id AND d.status = 'sent')`,
  },
];

/**
 * The notifications service's records about a proposal: an administrator's retry of a delivery of one of its
 * messages. Found from the records' side (retries are few; a notification has no index by proposal, which every
 * message would pay for).
 */
export const NOTIFICATIONS_AUDIT_OBJECTS: ProposalAuditObjects = (p) =>
  `SELECT a.entity_type, a.entity_id FROM audit_record a
     JOIN delivery d ON d.id = a.entity_id::uuid JOIN notification n ON n.id = d.notification_id
    WHERE a.entity_type = 'notification-delivery' AND n.proposal_id = ${p}::uuid`;
