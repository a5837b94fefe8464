import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { validationFailed } from '../http/validation';
import { ListDisbursementsQuery } from './dto/list-disbursements.query';
import { ReleaseTrancheDto } from './dto/release-tranche.dto';
import { TrancheParams } from './dto/tranche-params';

/** Visible ASCII, as the IETF Idempotency-Key draft expects of a key (a UUID fits). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** Disbursements with their tranches (termin), and their release by BPKAD. */
@ApiTags('disbursements')
@Controller('api/v1/disbursements')
export class DisbursementsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Disbursements within the caller’s region, with their tranches (LOCKED, READY, RELEASED)' })
  list(@Query() query: ListDisbursementsQuery) {
    return this.rpc.send('disbursements.list', query);
  }

  @Post(':id/tranches/:n/release')
  @HttpCode(200)
  @Roles('BPKAD')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'One key per release (e.g. a UUID). The same key with the same body answers the first result again; with another body, 422',
  })
  @ApiOperation({ summary: 'Release a READY tranche, recording its SP2D number; happens once however often it is asked' })
  release(@Param() params: TrancheParams, @Body() body: ReleaseTrancheDto, @Headers('idempotency-key') idempotencyKey: string | undefined) {
    if (idempotencyKey === undefined || idempotencyKey === '') {
      throw validationFailed([{ field: 'Idempotency-Key', reason: 'header is required: send one unique key per release, e.g. a UUID' }]);
    }
    if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw validationFailed([{ field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }]);
    }
    return this.rpc.send('disbursements.tranches.release', {
      disbursementId: params.id,
      trancheNumber: params.n,
      sp2dNumber: body.sp2dNumber,
      releasedAt: body.releasedAt,
      idempotencyKey,
    });
  }
}
