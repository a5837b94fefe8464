import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateProgrammeDraft, GetProgramme, ListProgrammes, PublishProgramme, RequestOf } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';

/**
 * Programmes and their versions, held by the proposals service. Admins draft and publish; every
 * logged-in user may read the published versions (a BKM chooses the programme it proposes under).
 */
@ApiTags('programmes')
@Controller('api/v1/programmes')
export class ProgrammesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Programmes with their latest published version (admins also see drafts)' })
  list(@ContractInput(ListProgrammes, { from: 'path' }) request: RequestOf<typeof ListProgrammes>) {
    return this.rpc.send(ListProgrammes, request);
  }

  @Get(':code')
  @ApiOperation({ summary: 'One programme: its latest published version and all versions' })
  get(@ContractInput(GetProgramme, { from: 'path', params: ['code'] }) request: RequestOf<typeof GetProgramme>) {
    return this.rpc.send(GetProgramme, request);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a draft version of a programme' })
  create(@ContractInput(CreateProgrammeDraft, { from: 'body' }) draft: RequestOf<typeof CreateProgrammeDraft>) {
    return this.rpc.send(CreateProgrammeDraft, draft);
  }

  @Post(':code/versions/:version/publish')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Publish a draft version; it becomes final and proposals are written against it' })
  publish(@ContractInput(PublishProgramme, { from: 'path', params: ['code', 'version'] }) request: RequestOf<typeof PublishProgramme>) {
    return this.rpc.send(PublishProgramme, request);
  }
}
