import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { NotificationIdParams } from './dto/notification-id.params';
import { UpdatePreferencesDto } from './dto/update-preferences.dto';

/** The caller's own in-app inbox and notification preferences. */
@ApiTags('notifications')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Your notifications, newest first, in your language, with the number still unread' })
  list(@Query() query: ListNotificationsQuery) {
    return this.rpc.send('notifications.list-inbox', query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all your notifications read' })
  readAll() {
    return this.rpc.send('notifications.mark-all-read', {});
  }

  @Get('preferences')
  @ApiOperation({ summary: 'Your language, digest choice and channels per kind of message' })
  preferences() {
    return this.rpc.send('notifications.get-preferences', {});
  }

  @Put('preferences')
  @ApiOperation({ summary: 'Change your language, digest choice or channels; the in-app inbox cannot be switched off (400)' })
  updatePreferences(@Body() body: UpdatePreferencesDto) {
    return this.rpc.send('notifications.update-preferences', body);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark one of your notifications read (404 for anyone else’s)' })
  read(@Param() params: NotificationIdParams) {
    return this.rpc.send('notifications.mark-read', { id: params.id });
  }
}
