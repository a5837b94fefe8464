import { Column, Entity, PrimaryColumn } from 'typeorm';
import { StageTimer, TimerKind } from './domain/stage-timer';

/** The `stage_timer` table; StageTimerRepository reads and writes it. */
@Entity('stage_timer')
export class StageTimerEntity implements StageTimer {
  @PrimaryColumn('uuid', { name: 'stage_id' }) stageId: string;
  @PrimaryColumn('text') kind: TimerKind;
  @PrimaryColumn('int') generation: number;
  @Column('timestamptz', { name: 'fire_at' }) fireAt: Date;
  @Column('timestamptz', { name: 'fired_at', nullable: true }) firedAt: Date | null;
}
