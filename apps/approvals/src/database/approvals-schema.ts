import { CreateAuditTrail1764000000000 } from '@alur/audit';
import { ActingAppointmentEntity } from '../acting/acting-appointment.entity';
import { ApprovalChainEntity } from '../chain/approval-chain.entity';
import { ApprovalStageEntity } from '../stages/approval-stage.entity';
import { StageTimerEntity } from '../timers/stage-timer.entity';
import { WorkingCalendarHolidayEntity } from '../working-days/working-calendar-holiday.entity';
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
export const APPROVALS_MIGRATIONS = [CreateAuditTrail1764000000000, CreateApprovalsTables1764100000000];
