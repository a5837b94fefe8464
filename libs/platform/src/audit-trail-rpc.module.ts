import { Controller, DynamicModule, Module } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { AuditModule, AuditTrail, ProposalAuditObjects } from '@alur/audit';
import { AuditTrailPage, auditTrailRequest, RequestOf, requireRole } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';

type DomainService = Parameters<typeof auditTrailRequest>[0];

/**
 * Answers `<service>.audit.list` for the gateway's ADMIN: a page of this service's audit trail. Reading
 * is not a change, so it is not itself recorded. One module for every domain service, which imports it
 * with its name (the gateway reads its own trail directly).
 */
@Module({})
export class AuditTrailRpcModule {
  /** `proposalObjects`: which of the service's objects belong to a proposal, for the `proposalId` filter. */
  static forService(service: DomainService, proposalObjects: ProposalAuditObjects): DynamicModule {
    const contract = auditTrailRequest(service);

    @Controller()
    class AuditTrailRpcController {
      constructor(private readonly trail: AuditTrail) {}

      @AnswersRequest(contract)
      page(@Payload() request: RpcRequest<RequestOf<typeof contract>>): Promise<AuditTrailPage> {
        requireRole(actorOf(request), 'ADMIN');
        return this.trail.page(request.data, { proposalObjects });
      }
    }

    return { module: AuditTrailRpcModule, imports: [AuditModule], controllers: [AuditTrailRpcController] };
  }
}
