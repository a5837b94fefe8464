import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

export class SetCeilingDto {
  @ApiProperty({ example: 1_500_000_000, description: 'The ceiling (pagu) in whole rupiah; not below what is already committed' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amount: number;
}
