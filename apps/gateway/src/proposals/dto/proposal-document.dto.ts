import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { DOCUMENT_REFERENCE, PROPOSAL_DOCUMENT_KINDS, type ProposalDocument } from '@alur/contracts';

/** A document attached to a proposal, uploaded first to `/api/v1/uploads/documents`. */
export class ProposalDocumentDto implements ProposalDocument {
  @ApiProperty({ example: '/api/v1/uploads/documents/0b9f6c1e-3d2a-4f5b-9c8d-7e6f5a4b3c2d' })
  @Matches(DOCUMENT_REFERENCE, { message: 'url must be the url of an uploaded document' })
  url: string;

  @ApiProperty({ example: 'DED jalan gang Damai.pdf' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PROPOSAL_DOCUMENT_KINDS })
  @IsIn(PROPOSAL_DOCUMENT_KINDS)
  kind: ProposalDocument['kind'];
}
