import { ConflictError } from '@alur/contracts';
import { assertEditable, assertTransition, canTransition, PROPOSAL_STATUSES, PROPOSAL_TRANSITIONS } from './proposal-status';

describe('proposal status transitions', () => {
  const allowed: Array<[string, string]> = [
    ['DRAFT', 'SUBMITTED'],
    ['DRAFT', 'WITHDRAWN'],
    ['SUBMITTED', 'IN_REVIEW'],
    ['SUBMITTED', 'RETURNED'],
    ['SUBMITTED', 'APPROVED'],
    ['SUBMITTED', 'REJECTED'],
    ['SUBMITTED', 'WITHDRAWN'],
    ['IN_REVIEW', 'RETURNED'],
    ['IN_REVIEW', 'APPROVED'],
    ['IN_REVIEW', 'REJECTED'],
    ['IN_REVIEW', 'WITHDRAWN'],
    ['RETURNED', 'SUBMITTED'],
    ['RETURNED', 'WITHDRAWN'],
    ['APPROVED', 'AWAITING_BUDGET'],
    ['APPROVED', 'FUNDING'],
    ['AWAITING_BUDGET', 'FUNDING'],
    ['FUNDING', 'COMPLETED'],
  ];

  it('allows exactly the moves of the table, and refuses every other pair with 409', () => {
    for (const from of PROPOSAL_STATUSES) {
      for (const to of PROPOSAL_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
        if (!expected) expect(() => assertTransition(from, to)).toThrow(ConflictError);
      }
    }
  });

  it('ends in REJECTED, WITHDRAWN and COMPLETED', () => {
    expect(PROPOSAL_TRANSITIONS.REJECTED).toEqual([]);
    expect(PROPOSAL_TRANSITIONS.WITHDRAWN).toEqual([]);
    expect(PROPOSAL_TRANSITIONS.COMPLETED).toEqual([]);
  });

  it('lets the BKM edit only a draft or a returned proposal', () => {
    expect(() => assertEditable('DRAFT')).not.toThrow();
    expect(() => assertEditable('RETURNED')).not.toThrow();
    for (const status of PROPOSAL_STATUSES.filter((s) => s !== 'DRAFT' && s !== 'RETURNED')) {
      expect(() => assertEditable(status)).toThrow(ConflictError);
    }
  });
});
