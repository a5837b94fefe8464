import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ProposalContentDto } from './proposal-content.dto';

export class UpdateProposalDto extends ProposalContentDto {
  @ApiPropertyOptional({ example: 'Semenisasi Jalan Gang Damai' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title?: string;

  @ApiPropertyOptional({ description: 'The version last read; or send it as If-Match. A stale one answers 409.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}
