import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Matches, Max, MaxLength, Min } from 'class-validator';

/** `/…/:programCode/:fiscalYear`: one programme's year. */
export class ProgrammeYearParams {
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
}
