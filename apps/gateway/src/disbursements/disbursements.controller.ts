import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { checkedIdempotencyKey } from '../http/idempotency-key';
import { ListDisbursementsQuery } from './dto/list-disbursements.query';
import { PrepareSpmDto } from './dto/prepare-spm.dto';
import { ReleaseTrancheDto } from './dto/release-tranche.dto';
import { ReturnSpmDto } from './dto/return-spm.dto';
import { TrancheParams } from './dto/tranche-params';

/**
 * Disbursements with their tranches (termin), and their release by two BPKAD officials: one prepares
 * the SPM, another authorises it (the SP2D) or returns it.
 */
@ApiTags('disbursements')
@Controller('api/v1/disbursements')
export class DisbursementsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Disbursements within the caller’s region, with their tranches (LOCKED, READY, RELEASED)' })
  list(@Query() query: ListDisbursementsQuery) {
    return this.rpc.send('disbursements.list', query);
  }

  @Post(':id/tranches/:n/spm')
  @HttpCode(200)
  @Roles('BPKAD')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'One key per SPM (e.g. a UUID). The same key with the same body answers the first result again; with another body, 422',
  })
  @ApiOperation({
    summary: 'Prepare the SPM of a READY tranche (SP2D number to be, bank account): it waits, PREPARED, for another BPKAD official to authorise it',
    description: 'Refused (403) to anyone who decided an approval stage of the proposal, in their own name or as acting official; 409 when an SPM already waits.',
  })
  prepare(@Param() params: TrancheParams, @Body() body: PrepareSpmDto, @Headers('idempotency-key') idempotencyKey: string | undefined) {
    return this.rpc.send('disbursements.tranches.prepare', {
      disbursementId: params.id,
      trancheNumber: params.n,
      sp2dNumber: body.sp2dNumber,
      bankAccount: { bankName: body.bankAccount.bankName, accountNumber: body.bankAccount.accountNumber, accountHolder: body.bankAccount.accountHolder },
      idempotencyKey: checkedIdempotencyKey(idempotencyKey),
    });
  }

  @Post(':id/tranches/:n/spm/return')
  @HttpCode(200)
  @Roles('BPKAD')
  @ApiOperation({ summary: 'Return a prepared SPM with a reason instead of authorising it; by a BPKAD official other than its preparer. The tranche is READY again' })
  returnSpm(@Param() params: TrancheParams, @Body() body: ReturnSpmDto) {
    return this.rpc.send('disbursements.tranches.return-spm', { disbursementId: params.id, trancheNumber: params.n, reason: body.reason });
  }

  @Post(':id/tranches/:n/release')
  @HttpCode(200)
  @Roles('BPKAD')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'One key per release (e.g. a UUID). The same key with the same body answers the first result again; with another body, 422',
  })
  @ApiOperation({
    summary: 'Authorise a prepared SPM (the SP2D): the tranche is released; happens once however often it is asked',
    description:
      'Refused (403) to the official who prepared the SPM and to anyone who decided an approval stage of the proposal; 409 for a tranche without a prepared SPM.',
  })
  release(@Param() params: TrancheParams, @Body() body: ReleaseTrancheDto, @Headers('idempotency-key') idempotencyKey: string | undefined) {
    return this.rpc.send('disbursements.tranches.release', {
      disbursementId: params.id,
      trancheNumber: params.n,
      sp2dNumber: body.sp2dNumber,
      releasedAt: body.releasedAt,
      idempotencyKey: checkedIdempotencyKey(idempotencyKey),
    });
  }
}
