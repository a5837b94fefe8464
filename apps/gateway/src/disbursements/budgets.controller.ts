import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { CeilingParams } from './dto/ceiling-params';
import { ListBudgetsQuery } from './dto/list-budgets.query';
import { SetCeilingDto } from './dto/set-ceiling.dto';

/** Budget ceilings (pagu) per programme, fiscal year and region, with what is committed and released. */
@ApiTags('disbursements')
@Controller('api/v1/budgets')
export class BudgetsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('ADMIN', 'BPKAD')
  @ApiOperation({ summary: 'Ceilings of the caller’s kabupaten: amount, committed, released, available and what waits for budget' })
  list(@Query() query: ListBudgetsQuery) {
    return this.rpc.send('disbursements.budgets.list', query);
  }

  @Put(':programCode/:fiscalYear/:regionCode')
  @Roles('BPKAD')
  @ApiOperation({
    summary: 'Set a ceiling’s amount (BPKAD); raising it commits waiting proposals in approval order, lowering stops at what is committed',
  })
  set(@Param() params: CeilingParams, @Body() body: SetCeilingDto) {
    return this.rpc.send('disbursements.budgets.set-ceiling', { ...params, amount: body.amount });
  }
}
