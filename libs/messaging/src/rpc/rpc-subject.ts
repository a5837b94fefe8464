/**
 * Request/reply subjects live outside the event stream's `<prefix>.>` space (JetStream would
 * otherwise capture the request and answer it with a publish acknowledgement).
 */
export function rpcSubject(prefix: string, pattern: string): string {
  return `rpc.${prefix}.${pattern}`;
}

/** The pattern a request subject was made for (`proposals.submit`); the prefix holds no dots. */
export function rpcPatternOf(subject: string): string {
  return subject.split('.').slice(2).join('.');
}
