import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { PreferencesUseCase } from './preferences.use-case';

@Controller()
export class PreferencesRpcController {
  constructor(private readonly preferences: PreferencesUseCase) {}

  @MessagePattern('notifications.get-preferences')
  get(@Payload() request: RpcRequest<unknown>) {
    return this.preferences.get(actorOf(request));
  }

  @MessagePattern('notifications.update-preferences')
  update(@Payload() request: RpcRequest<unknown>) {
    return this.preferences.update(actorOf(request), request.data);
  }
}
