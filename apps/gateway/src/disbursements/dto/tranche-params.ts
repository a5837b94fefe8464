import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

/** `/disbursements/:id/tranches/:n`: one tranche (termin) of a disbursement. */
export class TrancheParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;

  @ApiProperty({ example: 1, description: 'Tranche number, from 1' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  n: number;
}
