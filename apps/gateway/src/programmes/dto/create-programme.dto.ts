import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PROPOSAL_CATEGORIES, type ProposalCategory } from '@alur/contracts';
import { IsRupiah } from '../../proposals/dto/is-rupiah.decorator';
import { ApprovalStageDto, BudgetCeilingDto, EligibleRegionsDto, ReminderScheduleDto, RequiredDocumentDto, TrancheDto } from './programme-parts.dto';

/** A new draft version of a programme (version 1 when the code is new). */
export class CreateProgrammeDto {
  @ApiProperty({ example: 'KOTAKU-2026' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'code must be 2–40 capital letters, digits or dashes, e.g. KOTAKU-2026' })
  code: string;

  @ApiProperty({ example: 'KOTAKU (Kota Tanpa Kumuh) 2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear: number;

  @ApiProperty({ type: EligibleRegionsDto })
  @ValidateNested()
  @Type(() => EligibleRegionsDto)
  eligibleRegions: EligibleRegionsDto;

  @ApiProperty({ example: 500_000_000, description: 'Most that one proposal may request, whole rupiah' })
  @IsRupiah()
  maxRequestedAmount: number;

  @ApiProperty({ example: 500, description: 'Minimum swadaya share of the budget total in basis points (500 = 5%)' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  minSelfHelpShareBp: number;

  @ApiProperty({ enum: PROPOSAL_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(PROPOSAL_CATEGORIES, { each: true })
  categories: ProposalCategory[];

  @ApiProperty({ type: [ApprovalStageDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => ApprovalStageDto)
  approvalChain: ApprovalStageDto[];

  @ApiProperty({ type: ReminderScheduleDto })
  @ValidateNested()
  @Type(() => ReminderScheduleDto)
  reminderSchedule: ReminderScheduleDto;

  @ApiProperty({ type: [TrancheDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => TrancheDto)
  tranchePlan: TrancheDto[];

  @ApiProperty({ type: BudgetCeilingDto })
  @ValidateNested()
  @Type(() => BudgetCeilingDto)
  budgetCeiling: BudgetCeilingDto;

  @ApiPropertyOptional({ type: [RequiredDocumentDto], description: 'The documents checklist of a proposal; submitting without a required kind is refused' })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RequiredDocumentDto)
  requiredDocuments?: RequiredDocumentDto[];

  @ApiPropertyOptional({ example: true, description: 'Whether every progress report must carry at least one photo of the works' })
  @IsOptional()
  @IsBoolean()
  progressPhotosRequired?: boolean;
}
