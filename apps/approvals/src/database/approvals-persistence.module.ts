import { Module } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { ActingAppointmentRepository } from '../acting/acting-appointment.repository';
import { ApprovalChainRepository } from '../chain/approval-chain.repository';
import { ApprovalStageRepository } from '../stages/approval-stage.repository';
import { StageTimerRepository } from '../timers/stage-timer.repository';
import { HolidayRepository } from '../working-days/holiday.repository';

const PERSISTENCE = [
  Transactions,
  ApprovalChainRepository,
  ApprovalStageRepository,
  StageTimerRepository,
  ActingAppointmentRepository,
  HolidayRepository,
];

/**
 * The service's transactions and the repository of each aggregate (each owns its table's queries),
 * for every feature module here. The read models (inbox, evaluation, reporting) keep their query
 * repositories in their own modules.
 */
@Module({ providers: PERSISTENCE, exports: PERSISTENCE })
export class ApprovalsPersistenceModule {}
