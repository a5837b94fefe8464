import { BaseEnv, portOf, ServiceName } from '@alur/config';

/** A service's metrics port is its HTTP port plus this: gateway 3000 → 9000, notifications 3004 → 9004. */
export const METRICS_PORT_OFFSET = 6000;

/**
 * The port of a service's `/metrics`, derived from its own port so that five services on one machine
 * never collide and no further variable is needed. Any free port (0) when the service itself listens on
 * 0, as most tests do, or on a port too high to add the offset to. Whoever gives a service a fixed port
 * must find this one free too: `freePorts(n, { twins: [METRICS_PORT_OFFSET] })` in @alur/testing.
 */
export function metricsPortOf(env: BaseEnv, service: ServiceName): number {
  const port = portOf(env, service);
  return port === 0 || port + METRICS_PORT_OFFSET > 65_535 ? 0 : port + METRICS_PORT_OFFSET;
}
