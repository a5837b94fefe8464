import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { AddHolidayDto } from './add-holiday.dto';
import { ListHolidaysQuery } from './list-holidays.query';

/** The working calendar (hari kerja) that approval deadlines are counted in. */
@ApiTags('approvals')
@Controller('api/v1/approvals/holidays')
export class HolidaysController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'The non-working weekdays of a year (national holidays and those the operator added)' })
  list(@Query() query: ListHolidaysQuery) {
    return this.rpc.send('approvals.holidays.list', query);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Add a non-working day (e.g. cuti bersama); stages opened afterwards skip it' })
  add(@Body() body: AddHolidayDto) {
    return this.rpc.send('approvals.holidays.add', body);
  }
}
