import { Global, Module } from '@nestjs/common';
import { AuditModule } from '@alur/audit';
import { SecurityAudit } from './security-audit.service';

@Global()
@Module({ imports: [AuditModule], providers: [SecurityAudit], exports: [SecurityAudit] })
export class SecurityAuditModule {}
