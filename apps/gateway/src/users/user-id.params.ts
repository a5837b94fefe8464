import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `/users/:id`: one user account. */
export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
