import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { DecideStage } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { DecideStageCommand, DecideStageUseCase } from './use-cases/decide-stage.use-case';

/** An official's decision on the stage before them. */
@Controller()
export class DecisionsRpcController {
  constructor(private readonly decide: DecideStageUseCase) {}

  @AnswersRequest(DecideStage)
  decideStage(@Payload() request: RpcRequest<DecideStageCommand>) {
    return this.decide.execute(actorOf(request), request.data);
  }
}
