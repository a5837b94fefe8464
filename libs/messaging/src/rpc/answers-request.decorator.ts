import { applyDecorators, CallHandler, ExecutionContext, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Observable } from 'rxjs';
import { RequestContract } from '@alur/contracts';
import type { RpcRequest } from './rpc-client';
import { parseRequest } from '@alur/contracts';

/** Parses the request's data with its contract before the handler sees it: a 400 naming the field otherwise. */
class ContractDataInterceptor implements NestInterceptor {
  constructor(private readonly contract: RequestContract) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToRpc().getData() as RpcRequest<unknown>;
    // The caller guard has already checked the assertion against the data as it was sent.
    request.data = parseRequest(this.contract.request, request.data);
    return next.handle();
  }
}

/**
 * The handler of one declared request: subscribed on its pattern, and given `request.data` parsed by
 * the contract (`RpcRequest<RequestOf<typeof Contract>>`), so the service applies the same limits the
 * gateway did. Its answer should be `AnswerOf<typeof Contract>`.
 */
export function AnswersRequest(contract: RequestContract): MethodDecorator {
  return applyDecorators(MessagePattern(contract.pattern), UseInterceptors(new ContractDataInterceptor(contract)));
}
