import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { APPROVAL_DECISIONS, type ApprovalDecision } from '@alur/contracts';

export class DecideStageDto {
  @ApiProperty({ enum: APPROVAL_DECISIONS })
  @IsIn(APPROVAL_DECISIONS)
  decision: ApprovalDecision;

  @ApiPropertyOptional({ description: 'Required to RETURN (what to revise) or REJECT (the reason)', maxLength: 4000 })
  @ValidateIf((dto: DecideStageDto) => dto.decision !== 'APPROVE' || Boolean(dto.note))
  @IsString()
  @IsNotEmpty({ message: 'note is required to return or reject a proposal' })
  @MaxLength(4000)
  note?: string;
}
