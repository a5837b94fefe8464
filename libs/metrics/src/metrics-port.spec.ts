import { BaseEnv } from '@alur/config';
import { metricsPortOf } from './metrics-port';

describe('a service metrics port', () => {
  const env = (port: number) => ({ GATEWAY_PORT: port }) as BaseEnv;

  it('is the service port plus 6000, or any free port where that cannot be', () => {
    expect(metricsPortOf(env(3000), 'gateway')).toBe(9000);
    expect(metricsPortOf(env(0), 'gateway')).toBe(0);
    expect(metricsPortOf(env(59_535), 'gateway')).toBe(65_535);
    expect(metricsPortOf(env(60_123), 'gateway')).toBe(0);
  });
});
