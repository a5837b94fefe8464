import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PROGRESS_VERIFICATION_DECISIONS, type ProgressVerificationDecision } from '@alur/contracts';

export class VerifyProgressReportDto {
  @ApiProperty({ enum: PROGRESS_VERIFICATION_DECISIONS, description: 'ACCEPTED counts toward the next tranche; SENT_BACK returns it to the BKM' })
  @IsIn(PROGRESS_VERIFICATION_DECISIONS)
  decision: ProgressVerificationDecision;

  @ApiPropertyOptional({ example: 'Foto tidak menunjukkan pengecoran 35%; kirim foto dari lokasi.', description: 'Required when sending back' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
