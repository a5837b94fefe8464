import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ProgrammeEvaluation } from '@alur/contracts';
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
  @ApiOperation({ summary: 'Funded, awaiting budget, absorption (released ÷ committed ÷ ceiling), verified progress and completion on time, pilot against the rest' })
  evaluate(@Param() params: ProgrammeYearParams, @Query() query: EvaluationQuery): Promise<ProgrammeEvaluation> {
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

  private load(params: ProgrammeYearParams, query: EvaluationQuery): Promise<ProgrammeEvaluation> {
    return this.rpc.send<ProgrammeEvaluation>('disbursements.evaluation.programme', {
      programCode: params.programCode,
      fiscalYear: params.fiscalYear,
      pilotRegionCodes: query.pilot,
    });
  }
}
