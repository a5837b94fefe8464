import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

/** A photo of the works, by reference: the file itself lives where the client uploaded it. */
export class ProgressPhotoDto {
  @ApiProperty({ example: 'https://files.example.id/bkm/balik-alam/jalan-40persen.jpg' })
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'url must be an https URL' })
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({ example: 'Pengecoran jalan lingkungan RT 03' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caption?: string;
}
