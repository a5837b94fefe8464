import { Controller, DynamicModule, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AuditModule, AuditTrail, ProposalAuditObjects } from '@alur/audit';
import {
  AUDIT_READING_ROLES,
  AuditIntegrity,
  auditIntegrityRequest,
  AuditTrailPage,
  auditTrailRequest,
  RequestOf,
  requireRole,
} from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';

type DomainService = Parameters<typeof auditTrailRequest>[0];

/**
 * Answers, for the gateway's audit readers (the administrator, the inspectorate), `<service>.audit.list` (a page
 * of this service's audit trail) and `<service>.audit.verify` (the trail's hashes and heads checked). Reading
 * is not a change, so neither is itself recorded. One module for every domain service, which imports it with
 * its name (the gateway reads its own trail directly).
 */
@Module({})
export class AuditTrailRpcModule {
  /** `proposalObjects`: which of the service's objects belong to a proposal, for the `proposalId` filter. */
  static forService(service: DomainService, proposalObjects: ProposalAuditObjects): DynamicModule {
    const contract = auditTrailRequest(service);
    const integrity = auditIntegrityRequest(service);

    @Controller()
    class AuditTrailRpcController {
      constructor(private readonly trail: AuditTrail) {}

      @AnswersRequest(contract)
      page(@Payload() request: RpcRequest<RequestOf<typeof contract>>): Promise<AuditTrailPage> {
        requireRole(actorOf(request), ...AUDIT_READING_ROLES);
        return this.trail.page(request.data, { proposalObjects });
      }

      @AnswersRequest(integrity)
      verify(@Payload() request: RpcRequest<RequestOf<typeof integrity>>): Promise<AuditIntegrity> {
        requireRole(actorOf(request), ...AUDIT_READING_ROLES);
        return this.trail.integrity(request.data.expectedHeads);
      }
    }

    return { module: AuditTrailRpcModule, imports: [AuditModule], controllers: [AuditTrailRpcController] };
  }
}
