import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, requireRole, RpcRequest } from '@alur/messaging';
import { CreateProgrammeDraftUseCase } from './use-cases/create-programme-draft.use-case';
import { PublishProgrammeVersionUseCase } from './use-cases/publish-programme-version.use-case';
import { ReadProgrammesUseCase } from './use-cases/read-programmes.use-case';

/** The gateway's requests about programmes. */
@Controller()
export class ProgrammesRpcController {
  constructor(
    private readonly read: ReadProgrammesUseCase,
    private readonly createDraft: CreateProgrammeDraftUseCase,
    private readonly publish: PublishProgrammeVersionUseCase,
  ) {}

  @MessagePattern('proposals.list-programmes')
  list(@Payload() request: RpcRequest<unknown>) {
    return this.read.list(actorOf(request));
  }

  @MessagePattern('proposals.get-programme')
  get(@Payload() request: RpcRequest<{ code: string }>) {
    return this.read.get(actorOf(request), String(request.data?.code));
  }

  @MessagePattern('proposals.create-programme-draft')
  create(@Payload() request: RpcRequest<unknown>) {
    const actor = actorOf(request);
    requireRole(actor, 'ADMIN');
    return this.createDraft.execute(actor, request.data);
  }

  @MessagePattern('proposals.publish-programme')
  publishVersion(@Payload() request: RpcRequest<{ code: string; version: number }>) {
    const actor = actorOf(request);
    requireRole(actor, 'ADMIN');
    return this.publish.execute(actor, String(request.data?.code), Number(request.data?.version));
  }
}
