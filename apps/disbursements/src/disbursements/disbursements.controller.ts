import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { ListDisbursementsUseCase } from './list-disbursements.use-case';
import { ReleaseTrancheUseCase } from './release-tranche.use-case';

/** Disbursements and tranche releases, asked for by the gateway. */
@Controller()
export class DisbursementsController {
  constructor(
    private readonly listDisbursements: ListDisbursementsUseCase,
    private readonly releaseTranche: ReleaseTrancheUseCase,
  ) {}

  @MessagePattern('disbursements.list')
  list(@Payload() request: RpcRequest<unknown>) {
    return this.listDisbursements.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.tranches.release')
  release(@Payload() request: RpcRequest<unknown>) {
    return this.releaseTranche.execute(actorOf(request), request.data);
  }
}
