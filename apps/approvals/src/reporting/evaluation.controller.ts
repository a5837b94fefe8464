import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { EvaluateStagesUseCase } from './evaluate-stages.use-case';

/** The pilot evaluation's stage figures (working days, overdue, escalated), asked for by the gateway. */
@Controller()
export class EvaluationController {
  constructor(private readonly evaluateStages: EvaluateStagesUseCase) {}

  @MessagePattern('approvals.evaluation.stages')
  stages(@Payload() request: RpcRequest<unknown>) {
    return this.evaluateStages.execute(actorOf(request), request.data);
  }
}
