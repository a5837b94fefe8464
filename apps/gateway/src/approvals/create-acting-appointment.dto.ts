import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches } from 'class-validator';

export class CreateActingAppointmentDto {
  @ApiProperty({ example: 'lurah.14.03.09.1005', description: 'Who acts (Plt/Plh)' })
  @IsString()
  @Matches(/^\S+$/, { message: 'actingUsername must be a username' })
  actingUsername: string;

  @ApiProperty({ example: 'lurah.14.03.09.1004', description: 'The official they act for; the appointment covers this official’s role and region' })
  @IsString()
  @Matches(/^\S+$/, { message: 'forUsername must be a username' })
  forUsername: string;

  @ApiProperty({ example: '2026-03-02T00:00:00+07:00' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiProperty({ example: '2026-03-16T00:00:00+07:00', description: 'The first moment the appointment no longer holds' })
  @IsISO8601({ strict: true })
  validUntil: string;
}
