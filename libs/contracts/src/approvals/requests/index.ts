export * from './approval-stage-view.schema';
export * from './decide-stage.request';
export * from './list-inbox.request';
