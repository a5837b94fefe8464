import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role } from '@alur/contracts';
import { USER_LANGUAGES, type UserLanguage } from './user-language';

export class CreateUserDto {
  @ApiProperty({ example: 'lurah.14.03.09.1004' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3 to 64 lower-case letters, digits, ".", "_" or "-"' })
  username: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(256)
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ example: '14.03.09.1004', description: 'A village for BKM/LURAH, a kecamatan for CAMAT, the kabupaten otherwise' })
  @IsString()
  @IsNotEmpty()
  regionCode: string;

  @ApiProperty({ example: 'Lurah Balik Alam' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  displayName: string;

  @ApiPropertyOptional({ enum: USER_LANGUAGES, default: 'id' })
  @IsOptional()
  @IsIn(USER_LANGUAGES)
  language?: UserLanguage;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '+6281234567890' })
  @IsOptional()
  @Matches(/^\+?[0-9]{8,15}$/, { message: 'phone must be 8 to 15 digits, optionally starting with +' })
  phone?: string;
}
