import { Controller, Get, Header, NotFoundException, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { BaseEnv, InjectEnv } from '@alur/config';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory, villageLocationOf } from '@alur/regions';
import {
  CheckPublicPhoto,
  FundsReportItem,
  ListFundsReport,
  ListPublicProgress,
  type TransparencyReportQuery,
  TransparencyReportQuerySchema,
} from '@alur/contracts';
import { Public } from '../auth/public.decorator';
import { ContractInput } from '../http/contract-input';
import { spreadsheetAnswer, XLSX_CONTENT_TYPE } from '../http/export-table';
import { IdPath } from '../http/id-path';
import { InFlightReads } from '../http/in-flight-reads';
import { UploadedFiles } from '../uploads/uploaded-files.service';
import { transparencyCsv, transparencyXlsx } from './transparency-file';
import { TransparencyPage, transparencyPage } from './transparency-page';
import { transparencyReport } from './transparency-report';
import { PublicProgress, publicProgress } from './public-progress';

/** Keterbukaan informasi: approved proposals and their money, for any citizen, without logging in. */
@ApiTags('public')
@Public()
@Controller('api/v1/public/transparency')
export class TransparencyController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
    private readonly files: UploadedFiles,
    @InjectEnv() private readonly env: BaseEnv,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Approved proposals by kecamatan and village, searched by title or village name and filtered by region, a page at a time (page/pageSize); totals over all that matched; the map of every village with funded proposals',
  })
  async report(
    @ContractInput(null, { from: 'query', schema: TransparencyReportQuerySchema }) query: TransparencyReportQuery,
  ): Promise<TransparencyPage> {
    const items = await this.items(query.fiscalYear);
    return transparencyPage(
      items,
      { q: query.q, regionCode: query.regionCode, page: query.page, pageSize: query.pageSize },
      this.nameOf,
      (code) => this.regions.villagesOf(code),
      (regencyCode) =>
        this.regions.childrenOf(regencyCode).flatMap((district) => {
          const seat = villageLocationOf(district.code);
          return seat
            ? [{ code: district.code, name: district.name, place: seat.place, latitude: seat.latitude, longitude: seat.longitude }]
            : [];
        }),
    );
  }

  @Get('csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="transparansi.csv"')
  @ApiOperation({ summary: 'The same report as CSV, one line per approved proposal that matches (all pages)' })
  async csv(
    @ContractInput(null, { from: 'query', schema: TransparencyReportQuerySchema }) query: TransparencyReportQuery,
  ): Promise<string> {
    return transparencyCsv(await this.everyMatching(query));
  }

  @Get('xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({
    summary:
      'The same report as a spreadsheet (.xlsx) that opens as it is in an Excel set to Indonesian: amounts as numbers, and a sheet saying when and with which search it was made',
  })
  async xlsx(
    @ContractInput(null, { from: 'query', schema: TransparencyReportQuerySchema }) query: TransparencyReportQuery,
  ): Promise<StreamableFile> {
    const filters = { fiscalYear: query.fiscalYear, q: query.q, regionCode: query.regionCode };
    const file = await transparencyXlsx(await this.everyMatching(query), {
      filters,
      madeAt: new Date(),
      madeBy: null,
      timeZone: this.env.TIMEZONE,
      regions: this.regions,
    });
    return spreadsheetAnswer(file, 'transparansi.xlsx');
  }

  /** Every approved proposal the search matches, all pages: the files' lines. */
  private async everyMatching(query: TransparencyReportQuery) {
    return transparencyPage(
      await this.items(query.fiscalYear),
      { q: query.q, regionCode: query.regionCode, page: 1, pageSize: Number.MAX_SAFE_INTEGER },
      this.nameOf,
      () => [],
    );
  }

  @Get('proposals/:id/progress')
  @ApiOperation({
    summary:
      'A funded proposal’s progress reports that a Verifikator accepted, newest first, with their photos; 404 for any other proposal',
  })
  async progress(
    @ContractInput(ListPublicProgress, { from: 'path', params: ['id'], schema: IdPath, ownAnswer: true }) params: IdPath,
  ): Promise<PublicProgress> {
    const { items } = await this.rpc.send(ListPublicProgress, { proposalId: params.id });
    return publicProgress(items);
  }

  @Get('photos/:id')
  @Header('cache-control', 'public, max-age=3600')
  @ApiOperation({ summary: 'A photo of an accepted progress report of a funded proposal; 404 for any other upload' })
  async photo(@ContractInput(null, { from: 'path', params: ['id'], schema: IdPath }) { id }: IdPath): Promise<StreamableFile> {
    const answer = await this.rpc.send(CheckPublicPhoto, { photoId: id });
    if (!answer.public) throw new NotFoundException(`Photo ${id} not found`);
    return this.files.readPublished('photo', id);
  }

  private readonly nameOf = (code: string) => this.regions.get(code)?.name ?? code;

  private readonly fundsReports = new InFlightReads<FundsReportItem[]>();

  /**
   * The funded proposals of a year (or of every year), from the disbursements service, which keeps the money. Anyone
   * may ask, as often as they like: a request that comes while the same year is being read shares that read, so that
   * a crowd (or a script) costs the disbursements service one read at a time.
   */
  private items(fiscalYear: number | undefined): Promise<FundsReportItem[]> {
    return this.fundsReports.read(String(fiscalYear ?? 'all'), async () => (await this.rpc.send(ListFundsReport, { fiscalYear })).items);
  }
}
