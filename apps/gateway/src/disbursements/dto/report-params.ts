import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `/progress-reports/:reportId/...`: one progress report. */
export class ReportParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  reportId: string;
}
