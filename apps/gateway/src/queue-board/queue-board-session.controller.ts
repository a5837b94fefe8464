import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { APP_ENV, BaseEnv } from '@alur/config';
import { Actor } from '@alur/contracts';
import { SecurityAudit } from '../audit/security-audit.service';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { BoardRequest, BoardResponse, QUEUE_BOARD_COOKIE, QUEUE_BOARD_PATH, queueBoardToken } from './queue-board-session';

/**
 * Lets an administrator's browser open Bull Board: the caller's own access token goes into an
 * HttpOnly, SameSite=Strict cookie that only the board's path receives (no token in a URL).
 */
@ApiTags('admin')
@Controller(`${QUEUE_BOARD_PATH.slice(1)}/session`)
export class QueueBoardSessionController {
  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly audit: SecurityAudit,
  ) {}

  @Post()
  @HttpCode(204)
  @Roles('ADMIN')
  @ApiOperation({ summary: `Open a Bull Board session; then browse ${QUEUE_BOARD_PATH}/` })
  async open(@CurrentActor() admin: Actor, @Req() req: BoardRequest, @Res({ passthrough: true }) res: BoardResponse): Promise<void> {
    await this.audit.record({ actor: admin, action: 'queue-board.session-opened', entityType: 'queue_board', entityId: 'all-queues' });
    res.cookie(QUEUE_BOARD_COOKIE, queueBoardToken(req.headers) ?? '', {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: QUEUE_BOARD_PATH,
      maxAge: this.env.JWT_TTL_SECONDS * 1000,
    });
  }
}
