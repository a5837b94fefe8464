import { hostPlaceholders, numberedAfter, together } from './riding-statement';

describe('hostPlaceholders', () => {
  it("numbers the host's parameters after those of what rides on it", () => {
    expect(hostPlaceholders({ with: 'x AS (INSERT …)', select: 'NULL', params: ['a', 'b'] }, 3)).toEqual(['$3', '$4', '$5']);
  });

  it('numbers them from $1 when nothing rides on it', () => {
    expect(hostPlaceholders(null, 2)).toEqual(['$1', '$2']);
    expect(hostPlaceholders(undefined, 1)).toEqual(['$1']);
  });
});

describe('together', () => {
  it("joins two riding statements, numbering the second's placeholders after the first's parameters", () => {
    const moved = { with: 'moved AS (UPDATE proposal SET status = $1 WHERE id = $2)', select: 'NULL', params: ['IN_REVIEW', 'p-1'] };
    const entry = { with: 'entry AS (INSERT INTO timeline (proposal_id, kind) VALUES ($1, $2))', select: '$2', params: ['p-1', 'stage'] };
    expect(together(moved, entry)).toEqual({
      with: 'moved AS (UPDATE proposal SET status = $1 WHERE id = $2), entry AS (INSERT INTO timeline (proposal_id, kind) VALUES ($3, $4))',
      select: 'ROW(NULL, $4)',
      params: ['IN_REVIEW', 'p-1', 'p-1', 'stage'],
    });
  });
});

describe('numberedAfter', () => {
  it("numbers a rider's placeholders after the host's own, which come first", () => {
    const rider = { with: 'kept AS (UPDATE summary SET stage = $2 WHERE id = $1)', select: '$1', params: ['p-1', 'LURAH'] };
    expect(numberedAfter(rider, 20)).toEqual({
      with: 'kept AS (UPDATE summary SET stage = $22 WHERE id = $21)',
      select: '$21',
      params: ['p-1', 'LURAH'],
    });
  });
});
