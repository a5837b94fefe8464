import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsQuantity } from './is-quantity.decorator';
import { IsRupiah } from './is-rupiah.decorator';

/** One line of the RAB (rencana anggaran biaya). */
export class BudgetItemDto {
  @ApiProperty({ example: 'Semen 50 kg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  description: string;

  @ApiProperty({ example: 12.5, description: 'Up to two decimals; the line amount is rounded half up to whole rupiah' })
  @IsQuantity()
  quantity: number;

  @ApiProperty({ example: 'sak' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  unit: string;

  @ApiProperty({ example: 75_000, description: 'Whole rupiah' })
  @IsRupiah()
  unitPrice: number;
}
