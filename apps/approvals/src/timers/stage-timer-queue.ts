import { STAGE_TIMERS_QUEUE } from '@alur/jobs';
import type { TraceCarrier } from '@alur/observability';
import { TimerKind } from './domain/stage-timer';

/** Every job of the stage-timers queue (declared in @alur/jobs) is named after its timer's kind, so none is unrouted. */
export const STAGE_TIMER_JOB_NAMES: Readonly<Record<TimerKind, string>> = STAGE_TIMERS_QUEUE.jobs;

export interface StageTimerJobData {
  stageId: string;
  kind: TimerKind;
  generation: number;
  /** ISO time the timer is due, for operators looking at the job. */
  fireAt: string;
  /** W3C trace context of what set the alarm, when tracing is on: the firing links to it. */
  trace?: TraceCarrier;
}

/** Deterministic (so an alarm is never set twice) and free of `:`, which BullMQ refuses in ids. */
export function stageTimerJobId(timer: { stageId: string; kind: TimerKind; generation: number }): string {
  return `stage_${timer.stageId}_${timer.kind.toLowerCase()}_${timer.generation}`;
}
