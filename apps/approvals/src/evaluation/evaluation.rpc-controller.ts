import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EvaluateStages, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { EvaluateStagesUseCase } from './use-cases/evaluate-stages.use-case';

/** The pilot evaluation's stage figures (working days, overdue, escalated), asked for by the gateway. */
@Controller()
export class EvaluationRpcController {
  constructor(private readonly evaluateStages: EvaluateStagesUseCase) {}

  @AnswersRequest(EvaluateStages)
  stages(@Payload() request: RpcRequest<RequestOf<typeof EvaluateStages>>) {
    return this.evaluateStages.execute(actorOf(request), request.data);
  }
}
