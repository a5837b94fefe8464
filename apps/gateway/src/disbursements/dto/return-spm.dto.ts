import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class ReturnSpmDto {
  @ApiProperty({ example: 'Nomor rekening tidak sesuai dengan rekening BKM.', description: 'Why the SPM goes back; the preparer reads it' })
  @IsString()
  @MaxLength(1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason: string;
}
