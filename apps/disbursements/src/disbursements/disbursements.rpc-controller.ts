import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListDisbursements, PrepareSpm, ReleaseTranche, RequestOf, ReturnSpm } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { ListDisbursementsUseCase } from './use-cases/list-disbursements.use-case';
import { PrepareSpmUseCase } from './use-cases/prepare-spm.use-case';
import { ReleaseTrancheUseCase } from './use-cases/release-tranche.use-case';
import { ReturnSpmUseCase } from './use-cases/return-spm.use-case';

/** Disbursements and tranche releases (an SPM prepared, then authorised or returned by another BPKAD official), asked for by the gateway. */
@Controller()
export class DisbursementsRpcController {
  constructor(
    private readonly listDisbursements: ListDisbursementsUseCase,
    private readonly prepareSpm: PrepareSpmUseCase,
    private readonly releaseTranche: ReleaseTrancheUseCase,
    private readonly returnSpm: ReturnSpmUseCase,
  ) {}

  @AnswersRequest(ListDisbursements)
  list(@Payload() request: RpcRequest<RequestOf<typeof ListDisbursements>>) {
    return this.listDisbursements.execute(actorOf(request), request.data);
  }

  @AnswersRequest(PrepareSpm)
  prepare(@Payload() request: RpcRequest<RequestOf<typeof PrepareSpm>>) {
    return this.prepareSpm.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ReturnSpm)
  returnPrepared(@Payload() request: RpcRequest<RequestOf<typeof ReturnSpm>>) {
    return this.returnSpm.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ReleaseTranche)
  release(@Payload() request: RpcRequest<RequestOf<typeof ReleaseTranche>>) {
    return this.releaseTranche.execute(actorOf(request), request.data);
  }
}
