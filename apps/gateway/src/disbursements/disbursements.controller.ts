import { Controller, Get, Headers, HttpCode, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { BaseEnv, InjectEnv } from '@alur/config';
import {
  Actor,
  DISBURSEMENT_EXPORT_MAX_ROWS,
  DISBURSEMENT_LIST_MAX_PAGE_SIZE,
  ListDisbursements,
  ListDisbursementsExportQuerySchema,
  PrepareSpm,
  RefusalCode,
  ReleaseTranche,
  RequestOf,
  ReturnSpm,
} from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { SecurityAudit } from '../audit/security-audit.service';
import { ContractInput } from '../http/contract-input';
import { ExportFormat } from '../http/csv';
import { everyItem, ExportOptions } from '../http/every-item';
import { spreadsheetAnswer, XLSX_CONTENT_TYPE } from '../http/export-table';
import { checkedIdempotencyKey } from '../http/idempotency-key.interceptor';
import { OfficialNames } from '../users/official-names.service';
import { disbursementLedgerCsv, disbursementLedgerFileName, disbursementLedgerXlsx } from './disbursement-ledger-file';
import { PrepareSpmInput, ReleaseTrancheInput, ReturnSpmInput } from './http-inputs';
import { withNamedTreasurers } from './named-officials';

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** The disbursements' file: the list paged at its largest page, up to DISBURSEMENT_EXPORT_MAX_ROWS disbursements. */
const DISBURSEMENT_EXPORT: ExportOptions = {
  maxRows: DISBURSEMENT_EXPORT_MAX_ROWS,
  pageSize: DISBURSEMENT_LIST_MAX_PAGE_SIZE,
  tooLarge: RefusalCode.DisbursementExportTooLarge,
  items: 'disbursements',
  narrowBy: 'status, fiscal year, programme or region',
};

/**
 * Disbursements with their tranches (termin), and their release by two BPKAD officials: one prepares
 * the SPM, another authorises it (the SP2D) or returns it.
 */
@ApiTags('disbursements')
@Controller('api/v1/disbursements')
export class DisbursementsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly names: OfficialNames,
    private readonly regions: RegionDirectory,
    private readonly audit: SecurityAudit,
    @InjectEnv() private readonly env: BaseEnv,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Disbursements within the caller’s region, with their tranches (LOCKED, READY, PREPARED, RELEASED, CANCELLED) and who prepared and authorised each SPM (by name)',
  })
  async list(@ContractInput(ListDisbursements, { from: 'query' }) query: RequestOf<typeof ListDisbursements>) {
    const page = await this.rpc.send(ListDisbursements, query);
    return { ...page, items: await withNamedTreasurers(this.names, page.items) };
  }

  // Declared before the `:id` routes, which would otherwise take `csv` for a disbursement's id.
  @Get('csv')
  @ApiProduces('text/csv')
  @ApiOperation({
    summary: `Every tranche of every disbursement the list’s filters match within the caller’s region, a line each, with who prepared and authorised its SPM (by name), the SP2D number and the account paid into, as CSV for an inspector’s working papers and BPKAD’s reconciliation; more than ${DISBURSEMENT_EXPORT_MAX_ROWS} disbursements answer 422 DISBURSEMENT_EXPORT_TOO_LARGE`,
  })
  async csv(
    @ContractInput(null, { from: 'query', schema: ListDisbursementsExportQuerySchema })
    filters: z.output<typeof ListDisbursementsExportQuerySchema>,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) response: HeaderSink,
  ): Promise<string> {
    const disbursements = await this.exportedRows(filters, actor, 'csv');
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${disbursementLedgerFileName(new Date(), this.env.TIMEZONE, 'csv')}"`);
    return disbursementLedgerCsv(disbursements);
  }

  @Get('xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({
    summary: `The same tranches as the CSV, as a spreadsheet (.xlsx) that opens as it is in an Excel set to Indonesian: account numbers as text (their leading zeros kept), amounts as numbers, times in the regency’s zone, and a sheet saying when, for whom and with which filters it was made`,
  })
  async xlsx(
    @ContractInput(null, { from: 'query', schema: ListDisbursementsExportQuerySchema })
    filters: z.output<typeof ListDisbursementsExportQuerySchema>,
    @CurrentActor() actor: Actor,
  ): Promise<StreamableFile> {
    const request = { filters, madeAt: new Date(), madeBy: actor.username, timeZone: this.env.TIMEZONE, regions: this.regions };
    const file = await disbursementLedgerXlsx(await this.exportedRows(filters, actor, 'xlsx'), request);
    return spreadsheetAnswer(file, disbursementLedgerFileName(request.madeAt, request.timeZone, 'xlsx'));
  }

  /** Every disbursement the filters match within the caller's region, its treasurers named: a file's rows, its download recorded. */
  private async exportedRows(filters: z.output<typeof ListDisbursementsExportQuerySchema>, actor: Actor, format: ExportFormat) {
    const disbursements = await everyItem(
      (page, pageSize) => this.rpc.send(ListDisbursements, { ...filters, page, pageSize }),
      DISBURSEMENT_EXPORT,
    );
    // A line per tranche, as the file has them.
    const rows = disbursements.reduce((lines, d) => lines + d.tranches.length, 0);
    await this.audit.exported(actor, { route: `/api/v1/disbursements/${format}`, filters, rows });
    return withNamedTreasurers(this.names, disbursements);
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
    summary:
      'Prepare the SPM of a READY tranche (SP2D number to be, bank account): it waits, PREPARED, for another BPKAD official to authorise it',
    description:
      'Refused (403) to anyone who decided an approval stage of the proposal, in their own name or as acting official; 409 when an SPM already waits. ' +
      'An account other than the one the BKM gave in its proposal needs accountChangeNote (400 without it), which the authorising official is shown.',
  })
  prepare(
    @ContractInput(PrepareSpm, { from: 'body', params: ['id', 'n'], schema: PrepareSpmInput }) input: z.output<typeof PrepareSpmInput>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    const { id, n, ...spm } = input;
    return this.rpc.send(PrepareSpm, {
      disbursementId: id,
      trancheNumber: n,
      ...spm,
      idempotencyKey: checkedIdempotencyKey(idempotencyKey),
    });
  }

  @Post(':id/tranches/:n/spm/return')
  @HttpCode(200)
  @Roles('BPKAD')
  @ApiOperation({
    summary:
      'Return a prepared SPM with a reason instead of authorising it; by a BPKAD official other than its preparer. The tranche is READY again',
  })
  returnSpm(
    @ContractInput(ReturnSpm, { from: 'body', params: ['id', 'n'], schema: ReturnSpmInput }) input: z.output<typeof ReturnSpmInput>,
  ) {
    const { id, n, ...returned } = input;
    return this.rpc.send(ReturnSpm, { disbursementId: id, trancheNumber: n, ...returned });
  }

  @Post(':id/tranches/:n/release')
  @HttpCode(200)
  @Roles('BPKAD')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'One key per release (e.g. a UUID). The same key with the same body answers the first result again; with another body, 422',
  })
  @ApiOperation({
    summary: 'Authorise a prepared SPM (the SP2D): the tranche is released; happens once however often it is asked',
    description:
      'Refused (403) to the official who prepared the SPM and to anyone who decided an approval stage of the proposal; 409 for a tranche without a prepared SPM.',
  })
  release(
    @ContractInput(ReleaseTranche, { from: 'body', params: ['id', 'n'], schema: ReleaseTrancheInput })
    input: z.output<typeof ReleaseTrancheInput>,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
  ) {
    const { id, n, ...release } = input;
    return this.rpc.send(ReleaseTranche, {
      disbursementId: id,
      trancheNumber: n,
      ...release,
      idempotencyKey: checkedIdempotencyKey(idempotencyKey),
    });
  }
}
