import { coveringSubjectOf } from './event-handler-registry';

describe('the one subject filter a consumer gets on nats-server 2.9', () => {
  it('is the handled type itself when the service handles one', () => {
    expect(coveringSubjectOf(['alur.t1.spine.note-recorded.*'])).toBe('alur.t1.spine.note-recorded.*');
  });

  it('is the context when every handled type is of one context (approvals hears only the proposals context)', () => {
    expect(coveringSubjectOf(['alur.proposals.proposal-submitted.*', 'alur.proposals.proposal-withdrawn.*'])).toBe('alur.proposals.>');
  });

  it('is the whole prefix when the handled types span contexts, however many tokens the prefix has', () => {
    expect(coveringSubjectOf(['alur.t1.proposals.proposal-submitted.*', 'alur.t1.approvals.proposal-approved.*'])).toBe('alur.t1.>');
    expect(coveringSubjectOf(['alur.proposals.a.*', 'alur.proposals.b.*', 'alur.disbursements.a.*'])).toBe('alur.>');
  });

  it('compares whole tokens: a type name that begins another is not their common part', () => {
    expect(coveringSubjectOf(['alur.proposals.proposal.*', 'alur.proposals.proposal-submitted.*'])).toBe('alur.proposals.>');
  });
});
