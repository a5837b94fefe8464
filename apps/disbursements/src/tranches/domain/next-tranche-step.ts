import { TrancheStatus } from './tranche';

export interface TrancheState {
  number: number;
  status: TrancheStatus;
  unlockProgressPercent: number;
}

export interface TrancheStep {
  /** The tranche that becomes READY now, if any. */
  ready?: number;
  /** Whether the disbursement is complete: the last tranche released and the final (100%) report in. */
  complete: boolean;
}

/**
 * What follows from a disbursement's tranches and reports. Tranches are paid in order: the next
 * LOCKED one becomes READY once the one before it is RELEASED and the highest reported physical
 * progress meets its threshold. Completion needs both the last release and the final report, in either order.
 */
export function nextTrancheStep(
  tranches: readonly TrancheState[],
  highestProgressPercent: number | null,
  hasFinalReport: boolean,
): TrancheStep {
  const ordered = [...tranches].sort((a, b) => a.number - b.number);
  const nextLocked = ordered.findIndex((t) => t.status === 'LOCKED');
  let ready: number | undefined;
  if (
    nextLocked > 0 &&
    ordered[nextLocked - 1].status === 'RELEASED' &&
    (highestProgressPercent ?? 0) >= ordered[nextLocked].unlockProgressPercent
  ) {
    ready = ordered[nextLocked].number;
  }
  const complete = ordered.length > 0 && ordered[ordered.length - 1].status === 'RELEASED' && hasFinalReport;
  return { ready, complete };
}
