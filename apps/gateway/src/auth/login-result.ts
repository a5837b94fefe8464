import { ApiProperty } from '@nestjs/swagger';
import { UserView } from '../users/user-view';

export class LoginResult {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' })
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires' })
  expiresIn: number;

  @ApiProperty({ type: UserView })
  user: UserView;
}
