import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateProgrammeDraft, GetProgramme, ListProgrammes, PublishProgramme, RequestOf, requireRole } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { CreateProgrammeDraftUseCase } from './use-cases/create-programme-draft.use-case';
import { PublishProgrammeVersionUseCase } from './use-cases/publish-programme-version.use-case';
import { ReadProgrammesUseCase } from './use-cases/read-programmes.use-case';

/** The gateway's requests about programmes, each parsed by its contract. */
@Controller()
export class ProgrammesRpcController {
  constructor(
    private readonly read: ReadProgrammesUseCase,
    private readonly createDraft: CreateProgrammeDraftUseCase,
    private readonly publish: PublishProgrammeVersionUseCase,
  ) {}

  @AnswersRequest(ListProgrammes)
  list(@Payload() request: RpcRequest<RequestOf<typeof ListProgrammes>>) {
    return this.read.list(actorOf(request));
  }

  @AnswersRequest(GetProgramme)
  get(@Payload() request: RpcRequest<RequestOf<typeof GetProgramme>>) {
    return this.read.get(actorOf(request), request.data.code);
  }

  @AnswersRequest(CreateProgrammeDraft)
  create(@Payload() request: RpcRequest<RequestOf<typeof CreateProgrammeDraft>>) {
    const actor = actorOf(request);
    requireRole(actor, 'ADMIN');
    return this.createDraft.execute(actor, request.data);
  }

  @AnswersRequest(PublishProgramme)
  publishVersion(@Payload() request: RpcRequest<RequestOf<typeof PublishProgramme>>) {
    const actor = actorOf(request);
    requireRole(actor, 'ADMIN');
    return this.publish.execute(actor, request.data.code, request.data.version);
  }
}
