import { ApiProperty } from '@nestjs/swagger';
import { IsRegionCode } from '../../http/is-region-code.decorator';
import { ProgrammeYearParams } from './programme-year.params';

/** `/budgets/:programCode/:fiscalYear/:regionCode`: one ceiling. */
export class CeilingParams extends ProgrammeYearParams {
  @ApiProperty({ example: '14.03.09.2001' })
  @IsRegionCode()
  regionCode: string;
}
