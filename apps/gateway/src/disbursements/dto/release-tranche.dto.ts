import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class ReleaseTrancheDto {
  @ApiProperty({
    example: '0042/SP2D/LS/BPKAD/2026',
    description: 'The SP2D number of the prepared SPM, as the authoriser saw it; another number than the one waiting is refused (409)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^\S(.*\S)?$/, { message: 'sp2dNumber must not start or end with spaces' })
  sp2dNumber: string;

  @ApiProperty({ example: '2026-03-02T09:00:00+07:00', description: 'When the SP2D was issued; date-time with offset' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: 'releasedAt must be a date-time with a time zone offset, e.g. 2026-03-02T09:00:00+07:00' })
  releasedAt: string;
}
