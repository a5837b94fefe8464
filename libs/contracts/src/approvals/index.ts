export * from './approval-stage-ref.schema';
export * from './approval-stage-opened/approval-stage-opened.event';
export * from './approval-stage-decided/approval-stage-decided.event';
export * from './proposal-approved/proposal-approved.event';
export * from './proposal-returned/proposal-returned.event';
export * from './proposal-rejected/proposal-rejected.event';
export * from './approval-reminder-due/approval-reminder-due.event';
export * from './approval-stage-escalated/approval-stage-escalated.event';
