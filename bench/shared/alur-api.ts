import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly label: string,
    body: string,
  ) {
    super(`${label} answered ${status}: ${body.slice(0, 300)}`);
  }
}

interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** What the request is for, e.g. `inbox`; requests are counted by it. */
  label: string;
}

/**
 * The public HTTP API as the web console uses it, counting requests by what they are for so a
 * report can say which share of the traffic was work and which was looking for work. Given several
 * gateways, requests go to each in turn, as a round-robin load balancer sends them.
 */
export class AlurApi {
  readonly requests = new Map<string, number>();
  readonly baseUrls: readonly string[];
  private turn = 0;

  constructor(baseUrl: string | readonly string[]) {
    this.baseUrls = typeof baseUrl === 'string' ? [baseUrl] : baseUrl;
  }

  async call<T>(method: string, path: string, options: CallOptions): Promise<T> {
    const response = await this.send(method, path, options);
    const text = await response.text();
    if (!response.ok) throw new ApiError(response.status, options.label, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A file (a CSV, a spreadsheet) read with GET: its bytes. */
  async download(path: string, options: CallOptions): Promise<Buffer> {
    const response = await this.send('GET', path, options);
    if (!response.ok) throw new ApiError(response.status, options.label, await response.text());
    return Buffer.from(await response.arrayBuffer());
  }

  private send(method: string, path: string, options: CallOptions): Promise<Response> {
    this.requests.set(options.label, (this.requests.get(options.label) ?? 0) + 1);
    const gateway = this.baseUrls[this.turn++ % this.baseUrls.length];
    return fetch(`${gateway}/api/v1${path}`, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }

  async logIn(username: string): Promise<string> {
    const { accessToken } = await this.call<{ accessToken: string }>('POST', '/auth/login', {
      body: { username, password: DEMO_PASSWORD },
      label: 'login',
    });
    return accessToken;
  }

  requestCounts(): Record<string, number> {
    return Object.fromEntries([...this.requests].sort(([a], [b]) => a.localeCompare(b)));
  }
}
