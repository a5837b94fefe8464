import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';

/** Who benefits: households, of which poor households (rumah tangga miskin). */
export class BeneficiariesDto {
  @ApiProperty({ example: 120 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  households: number;

  @ApiProperty({ example: 45 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  poorHouseholds: number;
}
