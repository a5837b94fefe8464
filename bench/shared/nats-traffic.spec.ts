import { natsTrafficKindOf } from './nats-traffic';

describe('natsTrafficKindOf', () => {
  const system = { subjectPrefix: 'tbench42', stream: 'TBENCH42' };
  const kindOf = (subject: string) => natsTrafficKindOf(subject, system);

  it("counts the system's events, acknowledgements, pulls, requests and wake-ups by their subjects", () => {
    expect(kindOf('tbench42.approvals.approval-stage-opened.v1')).toBe('events');
    expect(kindOf('$JS.ACK.TBENCH42.approvals.1.200.180.1764800000000000000.0')).toBe('acks');
    expect(kindOf('$JS.API.CONSUMER.MSG.NEXT.TBENCH42.notifications')).toBe('pulls');
    expect(kindOf('rpc.tbench42.approvals.decide')).toBe('rpc');
    expect(kindOf('outbox.tbench42.disbursements')).toBe('wakeUps');
    expect(kindOf('$JS.API.STREAM.INFO.TBENCH42')).toBe('jetStreamApi');
    expect(kindOf('_INBOX.abc123.7')).toBe('replies');
  });

  it("leaves out another run's messages", () => {
    expect(kindOf('tbench7.approvals.approval-stage-opened.v1')).toBeUndefined();
    expect(kindOf('tbench420.approvals.approval-stage-opened.v1')).toBeUndefined();
    expect(kindOf('$JS.ACK.TBENCH7.approvals.1.2.3.4.0')).toBeUndefined();
    expect(kindOf('$JS.API.CONSUMER.MSG.NEXT.TBENCH7.approvals')).toBeUndefined();
    expect(kindOf('rpc.tbench7.approvals.decide')).toBeUndefined();
    expect(kindOf('outbox.tbench7.proposals')).toBeUndefined();
  });
});
