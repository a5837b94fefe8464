import { AUDIT_TRAIL_MIGRATIONS, ProposalAuditObjects } from '@alur/audit';
import { ActingAppointmentEntity } from '../acting/acting-appointment.entity';
import { ApprovalChainEntity } from '../chain/approval-chain.entity';
import { ApprovalStageEntity } from '../stages/approval-stage.entity';
import { StageTimerEntity } from '../timers/stage-timer.entity';
import { WorkingCalendarHolidayEntity } from '../working-days/working-calendar-holiday.entity';
import { RetentionRule } from '@alur/database';
import { AddStageTimerRetentionIndex1764500000000 } from './migrations/add-stage-timer-retention-index.migration';
import { CreateApprovalsTables1764100000000 } from './migrations/create-approvals-tables.migration';

/** The approvals service's tables. */
export const APPROVALS_ENTITIES = [
  ApprovalChainEntity,
  ApprovalStageEntity,
  StageTimerEntity,
  ActingAppointmentEntity,
  WorkingCalendarHolidayEntity,
];

/** Its migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const APPROVALS_MIGRATIONS = [
  ...AUDIT_TRAIL_MIGRATIONS,
  CreateApprovalsTables1764100000000,
  AddStageTimerRetentionIndex1764500000000,
];

/**
 * A closed stage's timers matter only while it is open; its history is in the stage row and the audit
 * trail. They go a year after they were due, long after any reminder or escalation could still concern them.
 */
export const APPROVALS_RETENTION: RetentionRule[] = [
  {
    table: 'stage_timer',
    olderThan: 'fire_at',
    hours: 365 * 24,
    where: `NOT EXISTS (SELECT 1 FROM approval_stage s WHERE s.id = stage_timer.stage_id AND s.status = 'OPEN')`,
  },
];

/** The approvals service's records about a proposal: its stages (opened, decided, escalated) and chains (approved, withdrawn). */
export const APPROVALS_AUDIT_OBJECTS: ProposalAuditObjects = (p) =>
  `SELECT 'approval-stage', id::text FROM approval_stage WHERE proposal_id = ${p}::uuid
   UNION ALL SELECT 'approval-chain', proposal_id || '#' || submission_number FROM approval_chain WHERE proposal_id = ${p}::uuid`;
