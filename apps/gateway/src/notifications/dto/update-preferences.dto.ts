import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';

/** One category's channels; in-app is always on and may only be sent as `true`. */
export class ChannelTogglesDto {
  @ApiPropertyOptional({ enum: [true], description: 'The in-app inbox cannot be switched off' })
  @IsOptional()
  @Equals(true, { message: 'in-app notifications cannot be switched off' })
  inApp?: true;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  email?: boolean;

  @ApiPropertyOptional({ description: 'Needs a phone number and an SMS gateway configured by the operator' })
  @IsOptional()
  @IsBoolean()
  sms?: boolean;

  @ApiPropertyOptional({ description: 'Needs a phone number and an SMS/WhatsApp gateway configured by the operator' })
  @IsOptional()
  @IsBoolean()
  whatsapp?: boolean;
}

/** Channels per kind of message: what happened to a proposal, tasks, reminders, money. */
export class ChannelPreferencesDto {
  @ApiPropertyOptional({ type: ChannelTogglesDto, description: 'Submitted, approved at a stage, returned, rejected, approved, delayed, withdrawn, completed' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelTogglesDto)
  STATUS?: ChannelTogglesDto;

  @ApiPropertyOptional({ type: ChannelTogglesDto, description: 'A stage waiting for your decision; an overdue decision below you' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelTogglesDto)
  TASK?: ChannelTogglesDto;

  @ApiPropertyOptional({ type: ChannelTogglesDto, description: 'Reminders of waiting decisions' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelTogglesDto)
  REMINDER?: ChannelTogglesDto;

  @ApiPropertyOptional({ type: ChannelTogglesDto, description: 'Budget committed or awaited, tranches ready or released' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelTogglesDto)
  FUNDS?: ChannelTogglesDto;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ enum: ['id', 'en'], description: 'Bahasa Indonesia (default) or English' })
  @IsOptional()
  @IsIn(['id', 'en'])
  language?: 'id' | 'en';

  @ApiPropertyOptional({ description: 'Officials only: reminders by e-mail/SMS once a day instead of one message each' })
  @IsOptional()
  @IsBoolean()
  digest?: boolean;

  @ApiPropertyOptional({ type: ChannelPreferencesDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChannelPreferencesDto)
  channels?: ChannelPreferencesDto;
}
