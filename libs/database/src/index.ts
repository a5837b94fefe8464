export * from './database-bootstrap';
export * from './database.module';
export * from './rupiah-column';
export * from './retention-sweeper';
export * from './like-pattern';
export * from './idempotency';
export * from './after-commit.service';
