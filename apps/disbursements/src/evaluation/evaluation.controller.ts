import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { EvaluateProgrammeUseCase } from './evaluate-programme.use-case';

/** The pilot evaluation's money figures, asked for by the gateway. */
@Controller()
export class EvaluationController {
  constructor(private readonly evaluate: EvaluateProgrammeUseCase) {}

  @MessagePattern('disbursements.evaluation.programme')
  programme(@Payload() request: RpcRequest<unknown>) {
    return this.evaluate.execute(actorOf(request), request.data);
  }
}
