import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';

export class EvaluationQuery {
  @ApiPropertyOptional({ example: '14.03.09,14.03.13', description: 'Comma-separated kecamatan or village codes of the pilot; the programme’s own eligible list when left out' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((code) => code.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, { each: true, message: 'pilot must list kecamatan or village codes such as 14.03.09' })
  pilot?: string[];
}
