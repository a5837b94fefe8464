import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CarryOverQuery {
  @ApiPropertyOptional({ example: 'KOTAKU-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  programCode?: string;
}
