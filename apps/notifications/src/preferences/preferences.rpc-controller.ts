import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetNotificationPreferences, RequestOf, UpdateNotificationPreferences } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { PreferencesUseCase } from './use-cases/preferences.use-case';

@Controller()
export class PreferencesRpcController {
  constructor(private readonly preferences: PreferencesUseCase) {}

  @AnswersRequest(GetNotificationPreferences)
  get(@Payload() request: RpcRequest<RequestOf<typeof GetNotificationPreferences>>) {
    return this.preferences.get(actorOf(request));
  }

  @AnswersRequest(UpdateNotificationPreferences)
  update(@Payload() request: RpcRequest<RequestOf<typeof UpdateNotificationPreferences>>) {
    return this.preferences.update(actorOf(request), request.data);
  }
}
