import { Controller, Get, Inject, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CountProposals, EvaluateProgrammeFunds, EvaluateStages, PilotEvaluation, REGENCY_OVERVIEW_ROLES } from '@alur/contracts';
import { APP_ENV, BaseEnv } from '@alur/config';
import { RpcClient } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { SecurityAudit } from '../audit/security-audit.service';
import { ContractInput } from '../http/contract-input';
import { spreadsheetAnswer, XLSX_CONTENT_TYPE } from '../http/export-table';
import { evaluationCsv, evaluationXlsx } from './evaluation-file';
import { yearsOf } from './evaluation-figures';
import { evaluationPdf } from './evaluation-pdf';
import { EvaluationQuery } from './evaluation.query';
import { previousProgrammeCode } from './previous-programme-code';

const EVALUATION_INPUT = { from: 'query', params: ['programCode', 'fiscalYear'], schema: EvaluationQuery } as const;

/** The pilot evaluation of a programme's year: the pilot regions against the others (and, if asked, the previous year). */
@ApiTags('evaluation')
@Controller('api/v1/evaluations/:programCode/:fiscalYear')
export class EvaluationsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly regions: RegionDirectory,
    private readonly audit: SecurityAudit,
    @Inject(APP_ENV) private readonly env: BaseEnv,
  ) {}

  @Get()
  @Roles(...REGENCY_OVERVIEW_ROLES)
  @ApiOperation({
    summary:
      'Submitted, approved, returned and rejected proposals; working days per stage (median, p90), overdue and escalated stages; funded, awaiting budget, absorption (released ÷ committed ÷ ceiling), verified progress and completion on time, pilot against the rest',
  })
  evaluate(@ContractInput(null, EVALUATION_INPUT) query: EvaluationQuery): Promise<PilotEvaluation> {
    return this.load(query);
  }

  @Get('csv')
  @Roles(...REGENCY_OVERVIEW_ROLES)
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The same evaluation as CSV, one line per group (and year)' })
  async csv(
    @ContractInput(null, EVALUATION_INPUT) query: EvaluationQuery,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const evaluation = await this.exported(query, actor, 'csv');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(evaluation, 'csv')}"`);
    return evaluationCsv(evaluation);
  }

  @Get('xlsx')
  @Roles(...REGENCY_OVERVIEW_ROLES)
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({
    summary:
      'The same evaluation as a spreadsheet (.xlsx) that opens as it is in an Excel set to Indonesian: worded headers, amounts as numbers, shares as percentages, and a sheet saying when, for whom and for which pilot it was made',
  })
  async xlsx(@ContractInput(null, EVALUATION_INPUT) query: EvaluationQuery, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const evaluation = await this.exported(query, actor, 'xlsx');
    const file = await evaluationXlsx(evaluation, {
      filters: query,
      madeAt: new Date(),
      madeBy: actor.username,
      timeZone: this.env.TIMEZONE,
      regions: this.regions,
    });
    return spreadsheetAnswer(file, fileName(evaluation, 'xlsx'));
  }

  @Get('pdf')
  @Roles(...REGENCY_OVERVIEW_ROLES)
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The same evaluation as a printable PDF (A4 landscape) to attach to a report' })
  async pdf(@ContractInput(null, EVALUATION_INPUT) query: EvaluationQuery, @CurrentActor() actor: Actor): Promise<StreamableFile> {
    const evaluation = await this.exported(query, actor, 'pdf');
    const pdf = await evaluationPdf(evaluation, { timeZone: this.env.TIMEZONE });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${fileName(evaluation, 'pdf')}"`,
      length: pdf.length,
    });
  }

  /** The evaluation for a file, its download recorded (a line per group and year, as the CSV has them). */
  private async exported(query: EvaluationQuery, actor: Actor, format: 'csv' | 'xlsx' | 'pdf'): Promise<PilotEvaluation> {
    const evaluation = await this.load(query);
    const rows = yearsOf(evaluation).reduce((lines, year) => lines + year.groups.length, 0);
    await this.audit.exported(actor, { route: `/api/v1/evaluations/{programCode}/{fiscalYear}/${format}`, filters: query, rows });
    return evaluation;
  }

  private async load(query: EvaluationQuery): Promise<PilotEvaluation> {
    const previousCode = query.compareWith === 'previous-year' ? previousProgrammeCode(query.programCode, query.fiscalYear) : undefined;
    const evaluation = await this.loadYear(query.programCode, query.fiscalYear, query.pilot);
    if (!previousCode) return evaluation;
    // The same regions as this year's pilot, so that a year is compared with itself.
    const previousYear = await this.loadYear(previousCode, query.fiscalYear - 1, evaluation.pilotRegionCodes);
    return { ...evaluation, previousYear };
  }

  /**
   * The proposals service counts the proposals, the approvals service times the stages (on its working
   * calendar) and the disbursements service gives the money; one answer per group. The approvals service
   * keeps no programme definitions, so it is asked once the pilot regions are known.
   */
  private async loadYear(programCode: string, fiscalYear: number, pilot: string[] | undefined): Promise<PilotEvaluation> {
    const request = { programCode, fiscalYear, pilotRegionCodes: pilot };
    const counting = this.rpc.send(CountProposals, request);
    counting.catch(() => undefined); // awaited below; not an unhandled rejection while the money is asked for
    const money = await this.rpc.send(EvaluateProgrammeFunds, request);
    const [counts, stages] = await Promise.all([
      counting,
      this.rpc.send(EvaluateStages, { programCode, pilotRegionCodes: money.pilotRegionCodes }),
    ]);
    return {
      ...money,
      pilotRegions: money.pilotRegionCodes.map((code) => ({ code, name: this.regions.placeNameOf(code) })),
      groups: money.groups.map((group, i) => ({ ...counts.groups[i], ...stages.groups[i], ...group })),
    };
  }
}

/** evaluasi-KOTAKU-2026.pdf; with the previous year, evaluasi-KOTAKU-2026-banding-2025.pdf. */
function fileName(evaluation: PilotEvaluation, extension: string): string {
  const compared = evaluation.previousYear ? `-banding-${evaluation.previousYear.fiscalYear}` : '';
  return `evaluasi-${evaluation.programCode}${compared}.${extension}`;
}
