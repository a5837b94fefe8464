import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ROLES, type Role } from '@alur/contracts';
import { USER_LANGUAGES, type UserLanguage } from './user-language';
import { UserEntity } from './user.entity';

/** A user as the API shows them: everything but the password hash. */
export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'bkm.14.03.09.1004' }) username: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ example: '14.03.09.1004' }) regionCode: string;
  @ApiProperty({ example: 'BKM Balik Alam' }) displayName: string;
  @ApiProperty({ enum: USER_LANGUAGES }) language: UserLanguage;
  @ApiPropertyOptional({ type: String, nullable: true }) email: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;

  static of(user: UserEntity): UserView {
    return Object.assign(new UserView(), {
      id: user.id,
      username: user.username,
      role: user.role,
      regionCode: user.regionCode,
      displayName: user.displayName,
      language: user.language,
      email: user.email,
      phone: user.phone,
      active: user.active,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    });
  }
}
