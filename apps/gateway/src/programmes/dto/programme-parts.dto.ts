import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsString, Max, Min, ValidateIf } from 'class-validator';
import { PROPOSAL_DOCUMENT_KINDS, type ProposalDocumentKind, ROLES, type Role } from '@alur/contracts';
import { IsRupiah } from '../../proposals/dto/is-rupiah.decorator';

const LEVELS = ['village', 'district', 'regency'] as const;
type Level = (typeof LEVELS)[number];

export class EligibleRegionsDto {
  @ApiProperty({ enum: ['ALL', 'LIST'] })
  @IsIn(['ALL', 'LIST'])
  scope: 'ALL' | 'LIST';

  @ApiPropertyOptional({ type: [String], example: ['14.03.09', '14.03.13'], description: 'Kecamatan or village codes, when scope is LIST' })
  @ValidateIf((o: EligibleRegionsDto) => o.scope === 'LIST')
  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  regionCodes?: string[];
}

export class ApprovalStageDto {
  @ApiProperty({ enum: ROLES, example: 'LURAH' })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ enum: LEVELS, example: 'village' })
  @IsIn(LEVELS)
  regionLevel: Level;

  @ApiProperty({ example: 3, description: 'Service level in working days (hari kerja)' })
  @IsInt()
  @Min(1)
  @Max(60)
  serviceLevelWorkingDays: number;
}

export class ReminderScheduleDto {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(0)
  @Max(30)
  beforeDueWorkingDays: number;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(0)
  @Max(30)
  afterDueWorkingDays: number;
}

export class TrancheDto {
  @ApiProperty({ example: 4000, description: 'Share of the requested amount in basis points (4000 = 40%)' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  shareBp: number;

  @ApiProperty({ example: 0, description: 'Physical progress (%) that unlocks this tranche; 0 for the first' })
  @IsInt()
  @Min(0)
  @Max(100)
  unlockProgressPercent: number;
}

export class BudgetCeilingDto {
  @ApiProperty({ enum: LEVELS, example: 'district' })
  @IsIn(LEVELS)
  regionLevel: Level;

  @ApiProperty({ example: 2_000_000_000, description: 'Pagu per region of that level per fiscal year, whole rupiah' })
  @IsRupiah()
  amount: number;
}

/** One line of a programme's documents checklist. */
export class RequiredDocumentDto {
  @ApiProperty({ enum: PROPOSAL_DOCUMENT_KINDS, example: 'DED' })
  @IsIn(PROPOSAL_DOCUMENT_KINDS)
  kind: ProposalDocumentKind;

  @ApiProperty({ example: true, description: 'Whether a proposal may be submitted without a document of this kind' })
  @IsBoolean()
  required: boolean;
}
