import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expectEventually } from '@alur/testing';
import { IdleCollectionDecider, IdleCollectionPolicy, IdleHeapCollector } from './idle-heap-collector';

type CollectGarbage = NonNullable<ConstructorParameters<typeof IdleHeapCollector>[1]>;
/** V8's `gc` as --expose-gc gives it: a promise when asked to run asynchronously. */
type V8Gc = (options: { type: 'major' | 'minor'; execution: 'sync' | 'async' }) => Promise<void> | undefined;

const MIB = 1024 * 1024;
const policy: IdleCollectionPolicy = { checkEveryMs: 5_000, quietChecks: 2, quietUtilisation: 0.02, garbageMiB: 16 };

describe('IdleCollectionDecider', () => {
  it('collects once the loop has been quiet for the policy’s checks and the heap has grown past what was live', () => {
    const decider = new IdleCollectionDecider(policy);
    decider.collected(70 * MIB);
    expect(decider.next({ utilisation: 0.6, usedHeapBytes: 200 * MIB })).toBe(false);
    expect(decider.next({ utilisation: 0.01, usedHeapBytes: 216 * MIB })).toBe(false);
    expect(decider.next({ utilisation: 0.01, usedHeapBytes: 216 * MIB })).toBe(true);
  });

  it('does not collect under load, however much the heap has grown', () => {
    const decider = new IdleCollectionDecider(policy);
    decider.collected(70 * MIB);
    for (const utilisation of [0.01, 0.5, 0.01, 0.3, 0.01]) {
      expect(decider.next({ utilisation, usedHeapBytes: 240 * MIB })).toBe(false);
    }
  });

  it('does not collect an idle heap that V8 has already brought down to what is live', () => {
    const decider = new IdleCollectionDecider(policy);
    decider.collected(70 * MIB);
    expect(decider.next({ utilisation: 0.5, usedHeapBytes: 230 * MIB })).toBe(false);
    // V8 collected on its own under load; idle from there, with 10 MiB allocated since.
    expect(decider.next({ utilisation: 0.5, usedHeapBytes: 75 * MIB })).toBe(false);
    expect(decider.next({ utilisation: 0.01, usedHeapBytes: 80 * MIB })).toBe(false);
    expect(decider.next({ utilisation: 0.01, usedHeapBytes: 85 * MIB })).toBe(false);
  });

  it('collects once per idle spell: after a collection it waits for quiet checks again', () => {
    const decider = new IdleCollectionDecider(policy);
    decider.collected(70 * MIB);
    decider.next({ utilisation: 0.01, usedHeapBytes: 200 * MIB });
    expect(decider.next({ utilisation: 0.01, usedHeapBytes: 200 * MIB })).toBe(true);
    decider.collected(72 * MIB);
    expect(decider.next({ utilisation: 0.01, usedHeapBytes: 73 * MIB })).toBe(false);
    expect(decider.next({ utilisation: 0.01, usedHeapBytes: 73 * MIB })).toBe(false);
  });
});

/** Each attempt waits up to this long for the garbage to go; the test's own bound, not Jest's default minute, decides. */
const ATTEMPT_MS = 45_000;
const ATTEMPTS = 5;

describe('IdleHeapCollector', () => {
  it(
    'gives back the garbage a load left in an idle process’s heap',
    async () => {
      // V8's own collector, as --expose-gc gives it to the services, counted as it finishes.
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as V8Gc;
      // Numbered as they start, noted as they finish: an async collection that began while the garbage was still
      // held frees none of it, though it may finish after the garbage is dropped; only one begun after counts.
      let started = 0;
      let finished = 0;
      const counted: CollectGarbage = async (options) => {
        const collection = ++started;
        await gc(options);
        finished = Math.max(finished, collection);
      };
      const collector = new IdleHeapCollector({ checkEveryMs: 100, quietChecks: 2, quietUtilisation: 0.2, garbageMiB: 16 }, counted);
      collector.onApplicationBootstrap();
      try {
        // 48 arrays of 1 MiB, kept through two young-generation collections so that they are old, as what a
        // load leaves is: V8 keeps young large objects apart and a scavenge frees them, and a scavenge of the
        // worker's own made them vanish before the collector saw them (the test then waited for it in vain).
        const leaveGarbage = async () => {
          let load: number[][] | undefined = Array.from({ length: 48 }, () => new Array<number>(131_072).fill(0.5));
          await gc({ type: 'minor', execution: 'sync' });
          await gc({ type: 'minor', execution: 'sync' });
          expect(load).toHaveLength(48);
          load = undefined;
          return getHeapStatistics().used_heap_size;
        };
        // The garbage goes either way: the collector's collection, once the loop has been quiet, or V8's own
        // (the worker's heap, grown by the files Jest ran before, may be at its limit). Only the first shows the
        // collector at work, so V8's is met with more garbage, a few times at most.
        let freedBy: 'collector' | 'V8' | undefined;
        for (let attempt = 1; freedBy !== 'collector'; attempt++) {
          expect(attempt).toBeLessThanOrEqual(ATTEMPTS);
          // Not while the collector is collecting (a later pass of the one that met the last attempt's garbage, say):
          // V8 marks what is allocated during marking as live, so that collection would keep the new garbage and
          // leave the collector taking it for live, never to collect it (CI failed so at e48f491, 45 s of waiting).
          await expectEventually(() => expect(finished).toBe(started));
          const withGarbage = await leaveGarbage();
          const expectGarbageGone = () => expect(getHeapStatistics().used_heap_size).toBeLessThan(withGarbage - 40 * MIB);
          const startedBefore = started;
          freedBy = await expectEventually(
            () => {
              if (finished > startedBefore) return 'collector' as const;
              expectGarbageGone();
              return 'V8' as const;
            },
            { timeoutMs: ATTEMPT_MS },
          );
          if (freedBy === 'collector') expectGarbageGone();
        }
      } finally {
        collector.onApplicationShutdown();
      }
      // On a busy machine the attempts take their time: CI met Jest's default minute at 0b6a008 before they had run out.
    },
    ATTEMPTS * ATTEMPT_MS + 10_000,
  );

  it('stays inert where the process has no collector to call', () => {
    const collector = new IdleHeapCollector(policy, undefined);
    collector.onApplicationBootstrap();
    expect(collector.running).toBe(false);
    collector.onApplicationShutdown();
  });
});
