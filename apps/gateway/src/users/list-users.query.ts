import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@alur/contracts';
import { PageQuery } from '../http/page.query';

export class ListUsersQuery extends PageQuery({ defaultLimit: 100, maxLimit: 500 }) {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Users whose region lies within this one (e.g. a kecamatan code)' })
  @IsOptional()
  @IsString()
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Text in the username or the display name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
