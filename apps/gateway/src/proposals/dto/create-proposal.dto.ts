import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { ProposalContentDto } from './proposal-content.dto';

export class CreateProposalDto extends ProposalContentDto {
  @ApiProperty({ example: 'KOTAKU-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(40)
  programCode: string;

  @ApiProperty({ example: '14.03.09.1004', description: 'Kemendagri code of the kelurahan/desa' })
  @Matches(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, { message: 'villageCode must be a village code such as 14.03.09.1004' })
  villageCode: string;

  @ApiProperty({ example: 'Semenisasi Jalan Gang Damai' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;
}
