import { Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AddHoliday, ListHolidays, RemoveHoliday, RequestOf } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';

/** The working calendar (hari kerja) that approval deadlines are counted in. */
@ApiTags('approvals')
@Controller('api/v1/approvals/holidays')
export class HolidaysController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'The non-working weekdays of a year (national holidays and those the operator added)' })
  list(@ContractInput(ListHolidays, { from: 'query' }) query: RequestOf<typeof ListHolidays>) {
    return this.rpc.send(ListHolidays, query);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a non-working day (e.g. cuti bersama); stages opened afterwards skip it' })
  add(@ContractInput(AddHoliday, { from: 'body' }) body: RequestOf<typeof AddHoliday>) {
    return this.rpc.send(AddHoliday, body);
  }

  @Delete(':date')
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Take a day off the working calendar (added by mistake, or moved); stages opened afterwards count it' })
  remove(@ContractInput(RemoveHoliday, { from: 'path', params: ['date'] }) request: RequestOf<typeof RemoveHoliday>) {
    return this.rpc.send(RemoveHoliday, request);
  }
}
