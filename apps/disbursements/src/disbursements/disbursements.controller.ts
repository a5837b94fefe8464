import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { ListDisbursementsUseCase } from './list-disbursements.use-case';
import { PrepareSpmUseCase } from './prepare-spm.use-case';
import { ReleaseTrancheUseCase } from './release-tranche.use-case';
import { ReturnSpmUseCase } from './return-spm.use-case';

/** Disbursements and tranche releases (an SPM prepared, then authorised or returned by another BPKAD official), asked for by the gateway. */
@Controller()
export class DisbursementsController {
  constructor(
    private readonly listDisbursements: ListDisbursementsUseCase,
    private readonly prepareSpm: PrepareSpmUseCase,
    private readonly releaseTranche: ReleaseTrancheUseCase,
    private readonly returnSpm: ReturnSpmUseCase,
  ) {}

  @MessagePattern('disbursements.list')
  list(@Payload() request: RpcRequest<unknown>) {
    return this.listDisbursements.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.tranches.prepare')
  prepare(@Payload() request: RpcRequest<unknown>) {
    return this.prepareSpm.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.tranches.return-spm')
  returnPrepared(@Payload() request: RpcRequest<unknown>) {
    return this.returnSpm.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.tranches.release')
  release(@Payload() request: RpcRequest<unknown>) {
    return this.releaseTranche.execute(actorOf(request), request.data);
  }
}
