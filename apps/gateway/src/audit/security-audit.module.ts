import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { GatewayPersistenceModule } from '../database/gateway-persistence.module';
import { SecurityAudit } from './security-audit.service';

@Global()
@Module({ imports: [AuditModule, GatewayPersistenceModule], providers: [SecurityAudit], exports: [SecurityAudit] })
export class SecurityAuditModule {}
