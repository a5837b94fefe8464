import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { MAX_PROPOSAL_DOCUMENTS, PROPOSAL_CATEGORIES, type ProposalCategory } from '@alur/contracts';
import { BeneficiariesDto } from './beneficiaries.dto';
import { BudgetItemDto } from './budget-item.dto';
import { IsRupiah } from './is-rupiah.decorator';
import { ProposalDocumentDto } from './proposal-document.dto';

/** What a BKM writes in a proposal besides its title; a draft may leave parts out until it is submitted. */
export class ProposalContentDto {
  @ApiPropertyOptional({ enum: PROPOSAL_CATEGORIES })
  @IsOptional()
  @IsIn(PROPOSAL_CATEGORIES)
  category?: ProposalCategory;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  description?: string;

  @ApiPropertyOptional({ example: 'KSM Maju Bersama', description: 'The KSM that carries out the work' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  executorGroup?: string;

  @ApiPropertyOptional({ type: BeneficiariesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BeneficiariesDto)
  beneficiaries?: BeneficiariesDto;

  @ApiPropertyOptional({ type: [BudgetItemDto], description: 'The whole RAB; it replaces the previous one' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BudgetItemDto)
  budgetItems?: BudgetItemDto[];

  @ApiPropertyOptional({ example: 10_000_000, description: 'Swadaya: the community’s own contribution, whole rupiah' })
  @IsOptional()
  @IsRupiah()
  selfHelpAmount?: number;

  @ApiPropertyOptional({ type: [ProposalDocumentDto], description: 'DED, RAB sheet, site photos: all of them; it replaces the previous list' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PROPOSAL_DOCUMENTS)
  @ValidateNested({ each: true })
  @Type(() => ProposalDocumentDto)
  documents?: ProposalDocumentDto[];
}
