import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';

export class EvaluationQuery {
  @ApiPropertyOptional({ example: '14.03.09,14.03.13', description: 'Comma-separated kecamatan or village codes of the pilot; the programme’s own eligible list when left out' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((code) => code.trim()).filter(Boolean) : value))
  @IsArray()
  @ArrayMaxSize(200)
  @Matches(/^\d{2}\.\d{2}\.\d{2}(\.\d{4})?$/, { each: true, message: 'pilot must list kecamatan or village codes such as 14.03.09' })
  pilot?: string[];

  @ApiPropertyOptional({
    enum: ['previous-year'],
    description: 'Adds `previousYear`: the same regions in the programme family’s previous year (KOTAKU-2026 → KOTAKU-2025: the code’s trailing year, one less)',
  })
  @IsOptional()
  @IsIn(['previous-year'], { message: 'compareWith must be previous-year' })
  compareWith?: 'previous-year';
}
