import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { ROLES, type Role } from '@alur/contracts';

/** What an administrator changes of a user: the role, the region, or whether the account may log in. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ example: '14.03.09.1004', description: 'Must fit the (new) role, as when the user was added' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  regionCode?: string;

  @ApiPropertyOptional({ description: 'false deactivates the account: it cannot log in and its tokens stop working' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}
