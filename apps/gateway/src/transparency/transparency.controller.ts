import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { Public } from '../auth/public.decorator';
import { transparencyCsv } from './transparency-csv';
import { TransparencyReport, transparencyReport } from './transparency-report';
import { TransparencyQuery } from './transparency.query';
import { FundsReportItem } from '@alur/contracts';

/** Keterbukaan informasi: approved proposals and their money, for any citizen, without logging in. */
@ApiTags('public')
@Public()
@Controller('api/v1/public/transparency')
export class TransparencyController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Per kecamatan and village: approved proposals, amounts committed and released, physical progress' })
  report(@Query() query: TransparencyQuery): Promise<TransparencyReport> {
    return this.load(query);
  }

  @Get('csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="transparansi.csv"')
  @ApiOperation({ summary: 'The same report as CSV, one line per approved proposal' })
  async csv(@Query() query: TransparencyQuery): Promise<string> {
    return transparencyCsv(await this.load(query));
  }

  private async load(query: TransparencyQuery): Promise<TransparencyReport> {
    const { items } = await this.rpc.send<{ items: FundsReportItem[] }>('disbursements.reporting.funds', query);
    return transparencyReport(items, (code) => this.regions.get(code)?.name ?? code);
  }
}
