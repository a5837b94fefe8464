export * from '../money/rupiah';
export * from './programme-definition/programme-definition.schema';
export * from './programme-published/programme-published.event';
export * from './proposal-submitted/proposal-submitted.event';
export * from './proposal-withdrawn/proposal-withdrawn.event';
export * from './proposal-document/proposal-document.schema';
export * from './requests';
export * from './budget-rules';
