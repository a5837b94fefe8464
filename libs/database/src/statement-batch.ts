/**
 * Gathers requests that come within `windowMs` of each other, or while the previous batch is still
 * running, into one call of `run`: one statement, and so one commit, for the deliveries several jobs
 * are working on at once, rather than one each. `run` answers for each request, in their order.
 *
 * Nothing is answered before `run` has: a job goes on (sends, or completes) only after its own row's
 * change is committed, as when it ran its own statement. When a batch of several is refused by
 * PostgreSQL (an error with a SQLSTATE: the statement, and so nothing of it, was committed), each
 * request is run again alone, so that one bad request fails only its own job. Any other error (a lost
 * connection: the commit may or may not have happened) fails every request of the batch, as it failed
 * the one request of each job before.
 */
export class StatementBatch<I, O> {
  private pending: Array<{ input: I; resolve: (output: O) => void; reject: (error: unknown) => void }> = [];
  private timer?: NodeJS.Timeout;
  /** Whether the timer set is flushSoon's, not the window's. */
  private soon = false;
  private running = false;
  /** The batch running, if one is. */
  private current?: Promise<void>;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly windowMs: number,
    private readonly maxSize = 100,
  ) {}

  submit(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      if (this.running) return; // Taken with the next batch, as soon as this one is done.
      if (this.pending.length >= this.maxSize) void this.flush();
      else this.timer ??= setTimeout(() => void this.flush(), this.windowMs);
    });
  }

  /** How many requests wait for the next batch (not those of the batch running). */
  get waiting(): number {
    return this.pending.length;
  }

  /** Resolves once every request submitted so far has been answered (for a shutdown that must not drop them). */
  async settled(): Promise<void> {
    while (this.current || this.pending.length) {
      this.flushNow();
      await this.current;
    }
  }

  /** Runs the waiting requests now rather than at the end of the window (or right after the batch running). */
  flushNow(): void {
    if (!this.running && this.pending.length) void this.flush();
  }

  /**
   * Runs the waiting requests as soon as the current turn is over, with those made in it, rather than at
   * the end of the window: for when no request but this turn's can come to join them.
   */
  flushSoon(): void {
    if (this.running || this.soon || !this.pending.length) return;
    clearTimeout(this.timer);
    this.soon = true;
    this.timer = setTimeout(() => void this.flush(), 0);
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.soon = false;
    const batch = this.pending.splice(0, this.maxSize);
    if (batch.length === 0) return;
    this.running = true;
    this.current = this.settle(batch);
    try {
      await this.current;
    } finally {
      this.running = false;
      this.current = undefined;
      if (this.pending.length) void this.flush();
    }
  }

  private async settle(batch: typeof this.pending): Promise<void> {
    try {
      const outputs = await this.run(batch.map((request) => request.input));
      batch.forEach((request, i) => request.resolve(outputs[i]));
    } catch (error) {
      if (batch.length === 1 || !refusedByDatabase(error)) {
        for (const request of batch) request.reject(error);
        return;
      }
      await Promise.all(
        batch.map((request) =>
          this.run([request.input]).then(
            ([output]) => request.resolve(output),
            (alone: unknown) => request.reject(alone),
          ),
        ),
      );
    }
  }
}

/** Whether PostgreSQL answered the statement with an error (a SQLSTATE), rather than the connection failing. */
function refusedByDatabase(error: unknown): boolean {
  const failed = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = failed?.code ?? failed?.driverError?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}
