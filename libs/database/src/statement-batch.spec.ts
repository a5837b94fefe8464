import { StatementBatch } from './statement-batch';

const refused = (code: string) => Object.assign(new Error(`refused ${code}`), { code });

describe('StatementBatch', () => {
  it('runs the requests made within the window as one batch, answering each in order', async () => {
    const runs: number[][] = [];
    const batch = new StatementBatch<number, number>(async (inputs) => {
      runs.push(inputs);
      return inputs.map((n) => n * 10);
    }, 5);
    await expect(Promise.all([batch.submit(1), batch.submit(2), batch.submit(3)])).resolves.toEqual([10, 20, 30]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('keeps the requests made while a batch runs for the next one, one batch at a time', async () => {
    const runs: number[][] = [];
    let running = 0;
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const batch = new StatementBatch<number, number>(async (inputs) => {
      expect(++running).toBe(1);
      runs.push(inputs);
      if (runs.length === 1) await first;
      running--;
      return inputs;
    }, 1);
    const a = batch.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const later = [batch.submit(2), batch.submit(3)];
    release();
    await expect(Promise.all([a, ...later])).resolves.toEqual([1, 2, 3]);
    expect(runs).toEqual([[1], [2, 3]]);
  });

  it('does not wait for the window once a batch is full', async () => {
    const runs: number[][] = [];
    const batch = new StatementBatch<number, number>(
      async (inputs) => {
        runs.push(inputs);
        return inputs;
      },
      60_000,
      2,
    );
    await expect(Promise.all([batch.submit(1), batch.submit(2)])).resolves.toEqual([1, 2]);
    expect(runs).toEqual([[1, 2]]);
  });

  it('runs the waiting requests before the window ends when asked to', async () => {
    const batch = new StatementBatch<number, number>(async (inputs) => inputs, 60_000);
    const a = batch.submit(1);
    const b = batch.submit(2);
    expect(batch.waiting).toBe(2);
    batch.flushNow();
    await expect(Promise.all([a, b])).resolves.toEqual([1, 2]);
    expect(batch.waiting).toBe(0);
  });

  it('runs the waiting requests once the turn is over, with those made in it, when asked to go soon', async () => {
    const runs: number[][] = [];
    const batch = new StatementBatch<number, number>(async (inputs) => {
      runs.push(inputs);
      return inputs;
    }, 60_000);
    const a = batch.submit(1);
    batch.flushSoon();
    const b = batch.submit(2);
    batch.flushSoon();
    // Not yet: the rest of this turn's requests may still join.
    expect(batch.waiting).toBe(2);
    await expect(Promise.all([a, b])).resolves.toEqual([1, 2]);
    expect(runs).toEqual([[1, 2]]);
  });

  it('runs each request alone when PostgreSQL refuses the batch, so that only the bad one fails', async () => {
    const runs: number[][] = [];
    const batch = new StatementBatch<number, number>(async (inputs) => {
      runs.push(inputs);
      if (inputs.includes(2)) throw refused('22P02');
      return inputs;
    }, 1);
    const results = await Promise.allSettled([batch.submit(1), batch.submit(2), batch.submit(3)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(runs).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('fails every request of the batch, and runs none again, when the connection fails (the commit may have happened)', async () => {
    const runs: number[][] = [];
    const batch = new StatementBatch<number, number>(async (inputs) => {
      runs.push(inputs);
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    }, 1);
    const results = await Promise.allSettled([batch.submit(1), batch.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(runs).toEqual([[1, 2]]);
  });

  it('settles every request made so far, those of the running batch and those waiting behind it, before the window ends', async () => {
    const runs: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const batch = new StatementBatch<number, number>(async (inputs) => {
      runs.push(inputs);
      if (runs.length === 1) await first;
      return inputs;
    }, 60_000);
    const answered: number[] = [];
    void batch.submit(1).then((n) => answered.push(n));
    batch.flushNow();
    void batch.submit(2).then((n) => answered.push(n));
    const settled = batch.settled();
    release();
    await settled;
    expect(answered).toEqual([1, 2]);
    expect(runs).toEqual([[1], [2]]);
  });
});
