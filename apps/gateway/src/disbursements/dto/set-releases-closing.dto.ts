import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, Matches } from 'class-validator';

export class SetReleasesClosingDto {
  @ApiProperty({ example: '2026-12-20T23:59:59+07:00', description: 'When the fiscal year closes for releases (the regency’s year-end closing); date-time with offset' })
  @IsISO8601({ strict: true, strictSeparator: true })
  @Matches(/T.*(Z|[+-]\d{2}:\d{2})$/, { message: 'releasesCloseAt must be a date-time with a time zone offset, e.g. 2026-12-20T23:59:59+07:00' })
  releasesCloseAt: string;
}
