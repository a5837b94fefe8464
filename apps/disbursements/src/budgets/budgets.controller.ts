import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { ListBudgetsUseCase } from './list-budgets.use-case';
import { SetCeilingUseCase } from './set-ceiling.use-case';

/** Ceilings (pagu), asked for by the gateway. */
@Controller()
export class BudgetsController {
  constructor(
    private readonly listBudgets: ListBudgetsUseCase,
    private readonly setCeiling: SetCeilingUseCase,
  ) {}

  @MessagePattern('disbursements.budgets.list')
  list(@Payload() request: RpcRequest<unknown>) {
    return this.listBudgets.execute(actorOf(request), request.data);
  }

  @MessagePattern('disbursements.budgets.set-ceiling')
  set(@Payload() request: RpcRequest<unknown>) {
    return this.setCeiling.execute(actorOf(request), request.data);
  }
}
