import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PHOTO_REFERENCE } from '@alur/contracts';

/** A photo of the works, by reference: one uploaded to `/api/v1/uploads/photos`, or an https address elsewhere. */
export class ProgressPhotoDto {
  @ApiProperty({ example: '/api/v1/uploads/photos/0b9f6c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d' })
  @Matches(PHOTO_REFERENCE, { message: 'url must be an https URL or the url of an uploaded photo' })
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({ example: 'Pengecoran jalan lingkungan RT 03' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  caption?: string;
}
