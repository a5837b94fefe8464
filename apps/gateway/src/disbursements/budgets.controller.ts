import { Controller, Get, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BUDGET_READING_ROLES, ListBudgets, RequestOf, SetCeiling } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';

/** Budget ceilings (pagu) per programme, fiscal year and region, with what is committed and released. */
@ApiTags('disbursements')
@Controller('api/v1/budgets')
export class BudgetsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles(...BUDGET_READING_ROLES)
  @ApiOperation({ summary: 'Ceilings of the caller’s kabupaten: amount, committed, released, available and what waits for budget' })
  list(@ContractInput(ListBudgets, { from: 'query' }) query: RequestOf<typeof ListBudgets>) {
    return this.rpc.send(ListBudgets, query);
  }

  @Put(':programCode/:fiscalYear/:regionCode')
  @Roles('BPKAD')
  @ApiOperation({
    summary: 'Set a ceiling’s amount (BPKAD); raising it commits waiting proposals in approval order, lowering stops at what is committed',
  })
  set(
    @ContractInput(SetCeiling, { from: 'body', params: ['programCode', 'fiscalYear', 'regionCode'] }) command: RequestOf<typeof SetCeiling>,
  ) {
    return this.rpc.send(SetCeiling, command);
  }
}
