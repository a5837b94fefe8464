import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsRegionCode } from '../../http/is-region-code.decorator';

/** `/budgets/:programCode/:fiscalYear/:regionCode`: one ceiling. */
export class CeilingParams {
  @ApiProperty({ example: 'BK-DESA-2026' })
  @Matches(/^[A-Z0-9][A-Z0-9-]*$/, { message: 'programCode must be a programme code such as BK-DESA-2026' })
  @MaxLength(40)
  programCode: string;

  @ApiProperty({ example: 2026 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;

  @ApiProperty({ example: '14.03.09.2001' })
  @IsRegionCode()
  regionCode: string;
}
