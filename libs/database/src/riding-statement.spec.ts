import { hostPlaceholders } from './riding-statement';

describe('hostPlaceholders', () => {
  it("numbers the host's parameters after those of what rides on it", () => {
    expect(hostPlaceholders({ with: 'x AS (INSERT …)', select: 'NULL', params: ['a', 'b'] }, 3)).toEqual(['$3', '$4', '$5']);
  });

  it('numbers them from $1 when nothing rides on it', () => {
    expect(hostPlaceholders(null, 2)).toEqual(['$1', '$2']);
    expect(hostPlaceholders(undefined, 1)).toEqual(['$1']);
  });
});
