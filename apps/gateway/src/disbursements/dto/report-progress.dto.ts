import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { ProgressPhotoDto } from './progress-photo.dto';

export class ReportProgressDto {
  @ApiProperty({ example: 40, description: 'Physical progress of the works in whole percent; 100 is the final report (LPJ)' })
  @IsInt()
  @Min(0)
  @Max(100)
  physicalProgressPercent: number;

  @ApiProperty({ example: 350_000_000, description: 'Money spent so far, whole rupiah' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  amountSpent: number;

  @ApiProperty({ example: 'Pengecoran 400 m jalan lingkungan selesai.' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({ type: [ProgressPhotoDto], maxItems: 10, description: 'Up to 10 photo references (https URLs)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ProgressPhotoDto)
  photos?: ProgressPhotoDto[];
}
