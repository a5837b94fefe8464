import { Stage } from '../api/types';

/** The stage a proposal waits at now: the open one of its latest submission. */
export function openStageOf(stages: Stage[]): Stage | undefined {
  return stages.find((s) => s.status === 'OPEN');
}
