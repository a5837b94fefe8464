import { changedFields } from './audit-changes';

describe('the fields an audit record changed', () => {
  it('names only the fields that differ, with their values before and after', () => {
    expect(
      changedFields(
        { role: 'BKM', regionCode: '14.03.09.1004', active: true },
        { role: 'BKM', regionCode: '14.03.09.1004', active: false },
      ),
    ).toEqual([{ field: 'active', before: 'true', after: 'false' }]);
  });

  it('shows what was created or removed against nothing', () => {
    expect(changedFields(null, { date: '2031-03-20', name: 'Cuti bersama' })).toEqual([
      { field: 'date', before: '—', after: '2031-03-20' },
      { field: 'name', before: '—', after: 'Cuti bersama' },
    ]);
    expect(changedFields({ amount: 5_000_000 }, undefined)).toEqual([{ field: 'amount', before: '5000000', after: '—' }]);
  });

  it('compares nested values whole and shortens long ones', () => {
    const long = 'x'.repeat(100);
    const [changed] = changedFields({ lines: [{ a: 1 }] }, { lines: [{ a: 2 }], note: long });
    expect(changed).toEqual({ field: 'lines', before: '[{"a":1}]', after: '[{"a":2}]' });
    expect(changedFields({}, { note: long })[0].after).toHaveLength(60);
  });

  it('leaves anything but objects to the details', () => {
    expect(changedFields('a', 'b')).toEqual([]);
    expect(changedFields([1], [2])).toEqual([]);
  });
});
