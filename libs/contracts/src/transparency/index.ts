export * from './transparency-report.query';
