import { AlurApi, ApiError } from '../shared/alur-api';
import { sleep } from '../shared/bench-results';

/** What the clients saw while faults were injected: every failed attempt, and the calls that never succeeded. */
export interface ClientErrors {
  status5xx: number;
  network: number;
  timeouts: number;
  retries: number;
  gaveUp: number;
}

class CallTimeout extends Error {}

/**
 * The public API as a well-behaved client uses it: a 5xx, a refused connection or no answer in time
 * is tried again with back-off and the same request (so a release keeps its Idempotency-Key). A 409
 * on a retried submit or decision means the earlier attempt took effect before its answer was lost.
 */
export class RetryingApi extends AlurApi {
  readonly clientErrors: ClientErrors = { status5xx: 0, network: 0, timeouts: 0, retries: 0, gaveUp: 0 };

  constructor(
    baseUrl: string | readonly string[],
    private readonly timeoutMs: number,
    private readonly giveUpAfterMs: number,
  ) {
    super(baseUrl);
  }

  override async call<T>(method: string, path: string, options: Parameters<AlurApi['call']>[2]): Promise<T> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once<T>(method, path, options);
      } catch (error) {
        if (
          attempt > 0 &&
          error instanceof ApiError &&
          error.status === 409 &&
          (options.label === 'submit' || options.label === 'decision')
        ) {
          return undefined as T;
        }
        if (!this.retryable(error)) throw error;
        if (Date.now() - started > this.giveUpAfterMs) {
          this.clientErrors.gaveUp++;
          throw error;
        }
        this.clientErrors.retries++;
        await sleep(Math.min(5_000, 250 * 2 ** attempt));
      }
    }
  }

  private async once<T>(method: string, path: string, options: Parameters<AlurApi['call']>[2]): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CallTimeout(`${options.label} got no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([super.call<T>(method, path, options), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private retryable(error: unknown): boolean {
    if (error instanceof CallTimeout) {
      this.clientErrors.timeouts++;
      return true;
    }
    if (error instanceof ApiError) {
      if (error.status < 500) return false;
      this.clientErrors.status5xx++;
      return true;
    }
    this.clientErrors.network++;
    return true;
  }
}
