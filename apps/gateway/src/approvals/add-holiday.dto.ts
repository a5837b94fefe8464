import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class AddHolidayDto {
  @ApiProperty({ example: '2026-03-20', description: 'A date in the regency’s time zone' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a calendar date written YYYY-MM-DD' })
  date: string;

  @ApiProperty({ example: 'Cuti bersama Idul Fitri 1447 H' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;
}
