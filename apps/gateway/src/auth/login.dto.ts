import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'bkm.14.03.09.1004' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  /** Bounded so that nobody can make the server hash megabytes. */
  @ApiProperty({ example: 'alur-demo' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  password: string;
}
