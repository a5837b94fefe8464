import { TimerAlarm, TimerKey } from '../timers/domain/stage-timer';

/**
 * The BullMQ alarms of stage timers, for unit tests of use cases: the ones set and the ones cleared.
 * (The stand-ins every service shares, the outbox, audit trail and work after commit, are @alur/testing's.)
 */
export class RecordingScheduler {
  readonly scheduled: TimerAlarm[] = [];
  readonly cancelled: TimerKey[] = [];

  async schedule(alarms: readonly TimerAlarm[]): Promise<void> {
    this.scheduled.push(...alarms);
  }

  async cancel(alarms: readonly TimerKey[]): Promise<void> {
    this.cancelled.push(...alarms.map(({ stageId, kind, generation }) => ({ stageId, kind, generation })));
  }

  /** The alarms set and not cleared since. */
  pending(): TimerAlarm[] {
    return this.scheduled.filter((alarm) => !this.cancelled.some((c) => c.stageId === alarm.stageId && c.kind === alarm.kind));
  }
}
