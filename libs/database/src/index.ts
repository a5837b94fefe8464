export * from './database-bootstrap';
export * from './database.module';
