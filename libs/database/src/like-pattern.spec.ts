import { containsPattern, escapeLike } from './like-pattern';

describe('LIKE patterns from typed text', () => {
  it('takes %, _ and \\ literally', () => {
    expect(escapeLike('50%_a\\b')).toBe('50\\%\\_a\\\\b');
  });

  it('finds the text anywhere', () => {
    expect(containsPattern('RT_03')).toBe('%RT\\_03%');
  });
});
