import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';

/** The account a tranche is paid into: the BKM's. */
export class BankAccountDto {
  @ApiProperty({ example: 'Bank Riau Kepri Syariah' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/\S/, { message: 'bankName must not be blank' })
  bankName: string;

  @ApiProperty({ example: '1230045678', description: 'Digits only' })
  @IsString()
  @Matches(/^\d{5,30}$/, { message: 'accountNumber must be 5 to 30 digits' })
  accountNumber: string;

  @ApiProperty({ example: 'BKM Balik Alam' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @Matches(/\S/, { message: 'accountHolder must not be blank' })
  accountHolder: string;
}

export class PrepareSpmDto {
  @ApiProperty({ example: '0042/SP2D/LS/BPKAD/2026', description: 'The SP2D number the payment order is to carry once authorised; used once only' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @Matches(/^\S(.*\S)?$/, { message: 'sp2dNumber must not start or end with spaces' })
  sp2dNumber: string;

  @ApiProperty({ type: BankAccountDto, description: 'Where the tranche is paid' })
  @IsDefined()
  @ValidateNested()
  @Type(() => BankAccountDto)
  bankAccount: BankAccountDto;
}
