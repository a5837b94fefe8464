import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { EvaluateProgrammeFunds, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { EvaluateProgrammeUseCase } from './use-cases/evaluate-programme.use-case';

/** The pilot evaluation's money figures, asked for by the gateway. */
@Controller()
export class EvaluationRpcController {
  constructor(private readonly evaluate: EvaluateProgrammeUseCase) {}

  @AnswersRequest(EvaluateProgrammeFunds)
  programme(@Payload() request: RpcRequest<RequestOf<typeof EvaluateProgrammeFunds>>) {
    return this.evaluate.execute(actorOf(request), request.data);
  }
}
