import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListBudgets, RequestOf, SetCeiling } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { ListBudgetsUseCase } from './use-cases/list-budgets.use-case';
import { SetCeilingUseCase } from './use-cases/set-ceiling.use-case';

/** Ceilings (pagu), asked for by the gateway. */
@Controller()
export class BudgetsRpcController {
  constructor(
    private readonly listBudgets: ListBudgetsUseCase,
    private readonly setCeiling: SetCeilingUseCase,
  ) {}

  @AnswersRequest(ListBudgets)
  list(@Payload() request: RpcRequest<RequestOf<typeof ListBudgets>>) {
    return this.listBudgets.execute(actorOf(request), request.data);
  }

  @AnswersRequest(SetCeiling)
  set(@Payload() request: RpcRequest<RequestOf<typeof SetCeiling>>) {
    return this.setCeiling.execute(actorOf(request), request.data);
  }
}
