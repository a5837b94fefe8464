import { ActionKeys, fingerprintOf } from './action-key';

/** Keys numbered in the order they are made, to see which one each click gets. */
function numberedKeys() {
  let made = 0;
  return new ActionKeys(() => `key-${++made}`);
}

describe("a person's action keeps one Idempotency-Key across clicks", () => {
  it('clicking again with the same content is the same action: the same key', () => {
    const keys = numberedKeys();
    const content = { title: 'Drainase RT 03', budgetItems: [{ quantity: 12.5, unitPrice: 75_000 }] };
    expect(keys.keyFor(content)).toBe('key-1');
    expect(keys.keyFor({ ...content, budgetItems: [{ quantity: 12.5, unitPrice: 75_000 }] })).toBe('key-1');
  });

  it('other content is another action, with a new key; coming back takes the earlier one again', () => {
    const keys = numberedKeys();
    expect(keys.keyFor({ title: 'Drainase' })).toBe('key-1');
    expect(keys.keyFor({ title: 'Drainase RT 03' })).toBe('key-2');
    expect(keys.keyFor({ title: 'Drainase' })).toBe('key-1');
  });

  it('after success the same content is a new action', () => {
    const keys = numberedKeys();
    expect(keys.keyFor({ decision: 'APPROVE' })).toBe('key-1');
    keys.succeeded();
    expect(keys.keyFor({ decision: 'APPROVE' })).toBe('key-2');
  });

  it("one content's success leaves the others' keys (one upload of several)", () => {
    const keys = numberedKeys();
    const a = { name: 'a.jpg', size: 10 };
    const b = { name: 'b.jpg', size: 20 };
    expect([keys.keyFor(a), keys.keyFor(b)]).toEqual(['key-1', 'key-2']);
    keys.succeeded(a);
    expect([keys.keyFor(a), keys.keyFor(b)]).toEqual(['key-3', 'key-2']);
  });

  it('remembers the last twenty contents, forgetting the oldest first', () => {
    const keys = numberedKeys();
    keys.keyFor({ n: 0 });
    for (let n = 1; n <= 19; n++) keys.keyFor({ n });
    expect(keys.keyFor({ n: 0 })).toBe('key-1'); // tried again: now the most recent
    keys.keyFor({ n: 20 }); // the 21st: forgets { n: 1 }
    expect(keys.keyFor({ n: 0 })).toBe('key-1');
    expect(keys.keyFor({ n: 1 })).toBe('key-22');
  });

  it('reads content the same whatever order its fields were set in', () => {
    expect(fingerprintOf({ a: 1, b: { c: 2, d: [3, { e: 4, f: 5 }] } })).toBe(fingerprintOf({ b: { d: [3, { f: 5, e: 4 }], c: 2 }, a: 1 }));
    expect(fingerprintOf({ a: 1 })).not.toBe(fingerprintOf({ a: 2 }));
  });

  it('makes real keys the gateway accepts (visible ASCII)', () => {
    const key = new ActionKeys().keyFor({});
    expect(key).toMatch(/^[\x21-\x7e]{1,255}$/);
  });
});
