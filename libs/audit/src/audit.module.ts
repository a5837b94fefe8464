import { Module } from '@nestjs/common';
import { AuditTrail } from './audit-trail.service';

/** Provides `AuditTrail` on the service's data source; the service adds `CreateAuditTrail1764000000000` to its migrations. */
@Module({
  providers: [AuditTrail],
  exports: [AuditTrail],
})
export class AuditModule {}
