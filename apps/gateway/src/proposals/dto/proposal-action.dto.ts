import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';

/** Submitting or withdrawing: optionally the version last read, and for a withdrawal the reason. */
export class ProposalActionDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiPropertyOptional({ description: 'Why it is withdrawn' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
