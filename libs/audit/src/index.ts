export * from './audit-chains';
export * from './audit-entry';
export * from './audit-hash';
export * from './audit-trail.service';
export * from './audit.module';
export * from './migrations/audit-trail-migrations';
