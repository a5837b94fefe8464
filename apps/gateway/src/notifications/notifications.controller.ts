import { Controller, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  GetNotificationPreferences,
  ListNotifications,
  MarkAllNotificationsRead,
  MarkNotificationRead,
  RequestOf,
  UpdateNotificationPreferences,
} from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { ContractInput } from '../http/contract-input';

/** The caller's own in-app inbox and notification preferences. */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first, in your language, with the number still unread' })
  list(@ContractInput(ListNotifications, { from: 'query' }) query: RequestOf<typeof ListNotifications>) {
    return this.rpc.send(ListNotifications, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  readAll(@ContractInput(MarkAllNotificationsRead, { from: 'path' }) request: RequestOf<typeof MarkAllNotificationsRead>) {
    return this.rpc.send(MarkAllNotificationsRead, request);
  }

  @Get('preferences')
  @ApiOperation({ summary: 'Your language, digest choice and channels per kind of message' })
  preferences(@ContractInput(GetNotificationPreferences, { from: 'path' }) request: RequestOf<typeof GetNotificationPreferences>) {
    return this.rpc.send(GetNotificationPreferences, request);
  }

  @Put('preferences')
  @ApiOperation({ summary: 'Change your language, digest choice or channels; the in-app inbox cannot be switched off (400)' })
  updatePreferences(
    @ContractInput(UpdateNotificationPreferences, { from: 'body' }) change: RequestOf<typeof UpdateNotificationPreferences>,
  ) {
    return this.rpc.send(UpdateNotificationPreferences, change);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read (404 for anyone else’s)' })
  read(@ContractInput(MarkNotificationRead, { from: 'path', params: ['id'] }) request: RequestOf<typeof MarkNotificationRead>) {
    return this.rpc.send(MarkNotificationRead, request);
  }
}
