import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { GatewayPersistenceModule } from '../database/gateway-persistence.module';
import { UsersModule } from '../users/users.module';
import { AuditTrailController } from './audit-trail.controller';
import { SecurityAudit } from './security-audit.service';

/** The gateway's own audit trail: recording its security-relevant actions, and an administrator's read of every service's trail. */
@Global()
@Module({
  imports: [AuditModule, GatewayPersistenceModule, UsersModule],
  controllers: [AuditTrailController],
  providers: [SecurityAudit],
  exports: [SecurityAudit],
})
export class SecurityAuditModule {}
