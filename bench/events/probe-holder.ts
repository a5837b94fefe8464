import { LatencyProbe } from './latency-probe';

/** The probe of the phase being measured, shared by the writer and the handler of one path. */
export class ProbeHolder {
  current = new LatencyProbe(0);
}
