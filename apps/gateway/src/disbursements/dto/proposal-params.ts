import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

/** `/proposals/:id/...`: one proposal. */
export class ProposalParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  id: string;
}
