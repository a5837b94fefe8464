import { METRICS_PORT_OFFSET } from '@alur/metrics';

/** A service instance's Prometheus exposition, from its metrics port, or undefined when it does not answer. */
export function scrapeInstance(port: number): Promise<string | undefined> {
  return fetch(`http://127.0.0.1:${port + METRICS_PORT_OFFSET}/metrics`).then(
    (response) => (response.ok ? response.text() : undefined),
    () => undefined,
  );
}

/** The sum of a metric's samples over all its label sets in an exposition; 0 when it has none. */
export function sampleSum(exposition: string, name: string): number {
  let sum = 0;
  for (const match of exposition.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'gm'))) sum += Number(match[1]);
  return sum;
}
