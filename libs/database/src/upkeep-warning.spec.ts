import { upkeepWarning } from './database-bootstrap';

describe('the start-up warning about autovacuum', () => {
  it('names autovacuum being off, and says nothing when it is on', () => {
    expect(upkeepWarning([{ autovacuum: 'off' }])).toMatch(/autovacuum off.*VACUUM ANALYZE/);
    expect(upkeepWarning([{ autovacuum: 'on' }])).toBeUndefined();
  });
});
