import { Column, Entity, PrimaryColumn } from 'typeorm';

export const TIMER_KINDS = ['REMINDER_BEFORE', 'DEADLINE', 'REMINDER_AFTER'] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * A reminder or deadline of an open stage. This row, not Redis, is the truth: BullMQ only wakes
 * the service at `fireAt`, and `firedAt` is set in the transaction that announces the timer.
 */
@Entity('stage_timer')
export class StageTimerEntity {
  @PrimaryColumn('uuid', { name: 'stage_id' }) stageId: string;
  @PrimaryColumn('text') kind: TimerKind;
  @PrimaryColumn('int') generation: number;
  @Column('timestamptz', { name: 'fire_at' }) fireAt: Date;
  @Column('timestamptz', { name: 'fired_at', nullable: true }) firedAt: Date | null;
}

/** What the scheduler needs to set a timer's alarm. */
export type TimerAlarm = Pick<StageTimerEntity, 'stageId' | 'kind' | 'generation' | 'fireAt'>;
