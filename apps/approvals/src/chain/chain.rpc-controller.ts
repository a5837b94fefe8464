import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { RequestOf, WithdrawFromReview } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { WithdrawFromChainUseCase } from './use-cases/withdraw-from-chain.use-case';

/** The approval chain as a whole: a proposal leaving review. */
@Controller()
export class ChainRpcController {
  constructor(private readonly withdraw: WithdrawFromChainUseCase) {}

  /** The BKM withdraws a proposal under review: decided here against the officials' decisions. */
  @AnswersRequest(WithdrawFromReview)
  withdrawFromReview(@Payload() request: RpcRequest<RequestOf<typeof WithdrawFromReview>>) {
    return this.withdraw.execute(actorOf(request), request.data);
  }
}
