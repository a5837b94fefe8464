import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EvaluationCounts, PilotEvaluation, ProgrammeEvaluation } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { evaluationCsv } from './evaluation-csv';
import { EvaluationQuery } from './evaluation.query';
import { ProgrammeYearParams } from '../disbursements/dto/programme-year.params';

/** The pilot evaluation of a programme's year: the pilot regions against the others. */
@ApiTags('evaluation')
@Controller('api/v1/evaluations/:programCode/:fiscalYear')
export class EvaluationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Roles('DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN')
  @ApiOperation({ summary: 'Submitted, approved, returned and rejected proposals; funded, awaiting budget, absorption (released ÷ committed ÷ ceiling), verified progress and completion on time, pilot against the rest' })
  evaluate(@Param() params: ProgrammeYearParams, @Query() query: EvaluationQuery): Promise<PilotEvaluation> {
    return this.load(params, query);
  }

  @Get('csv')
  @Roles('DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="evaluasi.csv"')
  @ApiOperation({ summary: 'The same evaluation as CSV, one line per group' })
  async csv(@Param() params: ProgrammeYearParams, @Query() query: EvaluationQuery): Promise<string> {
    return evaluationCsv(await this.load(params, query));
  }

  /** The proposals service counts the proposals, the disbursements service the money; one answer per group. */
  private async load(params: ProgrammeYearParams, query: EvaluationQuery): Promise<PilotEvaluation> {
    const request = { programCode: params.programCode, fiscalYear: params.fiscalYear, pilotRegionCodes: query.pilot };
    const [counts, money] = await Promise.all([
      this.rpc.send<{ groups: EvaluationCounts[] }>('proposals.evaluation.counts', request),
      this.rpc.send<ProgrammeEvaluation>('disbursements.evaluation.programme', request),
    ]);
    return { ...money, groups: money.groups.map((group, i) => ({ ...counts.groups[i], ...group })) };
  }
}
