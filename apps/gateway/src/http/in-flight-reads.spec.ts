import { InFlightReads } from './in-flight-reads';

/** A read that answers when the test says so, counting how often it was made. */
function controlledRead() {
  const made: Array<{ answer(value: string): void; fail(error: Error): void }> = [];
  const load = () =>
    new Promise<string>((resolve, reject) => {
      made.push({ answer: resolve, fail: reject });
    });
  return { made, load };
}

describe('InFlightReads', () => {
  it('makes a read once for everyone who asks while it is under way, and again for whoever asks after it answered', async () => {
    const reads = new InFlightReads<string>();
    const { made, load } = controlledRead();
    const asked = [reads.read('2026', load), reads.read('2026', load), reads.read('2026', load)];
    const otherYear = reads.read('2025', load);
    expect(made).toHaveLength(2);

    made[0].answer('report of 2026');
    made[1].answer('report of 2025');
    expect(await Promise.all(asked)).toEqual(['report of 2026', 'report of 2026', 'report of 2026']);
    expect(await otherYear).toBe('report of 2025');

    const later = reads.read('2026', load);
    expect(made).toHaveLength(3);
    made[2].answer('report of 2026, newer');
    expect(await later).toBe('report of 2026, newer');
  });

  it('gives a failed read’s error to everyone who shared it, and keeps nothing of it', async () => {
    const reads = new InFlightReads<string>();
    const { made, load } = controlledRead();
    const asked = [reads.read('all', load), reads.read('all', load)];
    made[0].fail(new Error('proposals did not answer'));
    for (const read of asked) await expect(read).rejects.toThrow('proposals did not answer');

    const again = reads.read('all', load);
    made[1].answer('report');
    expect(await again).toBe('report');
  });
});
