import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { CreateProgrammeDto } from './dto/create-programme.dto';

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
  list() {
    return this.rpc.send('proposals.list-programmes', {});
  }

  @Get(':code')
  @ApiOperation({ summary: 'One programme: its latest published version and all versions' })
  get(@Param('code') code: string) {
    return this.rpc.send('proposals.get-programme', { code });
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Create a draft version of a programme' })
  create(@Body() body: CreateProgrammeDto) {
    return this.rpc.send('proposals.create-programme-draft', body);
  }

  @Post(':code/versions/:version/publish')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Publish a draft version; it becomes final and proposals are written against it' })
  publish(@Param('code') code: string, @Param('version', ParseIntPipe) version: number) {
    return this.rpc.send('proposals.publish-programme', { code, version });
  }
}
