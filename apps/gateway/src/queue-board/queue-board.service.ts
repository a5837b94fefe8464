import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { Queue } from 'bullmq';
import { APP_ENV, BaseEnv, redisOptionsOf } from '@alur/config';
import { DECLARED_QUEUES } from '@alur/jobs';
import { AccessTokens } from '../auth/access-tokens.service';
import { BoardRequest, BoardResponse, QUEUE_BOARD_PATH, queueBoardToken } from './queue-board-session';

type BoardRouter = (req: BoardRequest, res: BoardResponse, next: () => void) => void;

/**
 * Bull Board, mounted on the gateway's Express instance under /api/v1/admin/queues, showing every
 * queue declared in @alur/jobs. The gateway reads them straight from Redis (same Redis and QUEUE_PREFIX
 * as the services) so that the board needs no route into a service. It sits outside Nest's routing,
 * so it checks the access token itself: ADMIN only, 401 without a valid token.
 */
@Injectable()
export class QueueBoard implements OnModuleInit, OnApplicationShutdown {
  /** The board and its queues, once an administrator has opened it on this gateway. */
  private board?: { router: BoardRouter; queues: Queue[] };

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly adapterHost: HttpAdapterHost,
    private readonly tokens: AccessTokens,
  ) {}

  onModuleInit(): void {
    const express = this.adapterHost.httpAdapter?.getInstance<{ use: (...args: unknown[]) => void }>();
    // A gateway built without HTTP (none today) simply has no board.
    express?.use(QUEUE_BOARD_PATH, (req: BoardRequest, res: BoardResponse, next: () => void) => void this.admit(req, res, next));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.board?.queues.map((queue) => queue.close()) ?? []);
  }

  /**
   * The board, built for the first administrator who opens it: Bull Board (7 MiB loaded) and a Redis connection per
   * queue are held only by a gateway whose board someone uses, not by every replica from its start.
   */
  private routerOf(): BoardRouter {
    if (!this.board) {
      const { createBullBoard } = require('@bull-board/api') as typeof import('@bull-board/api');
      const { BullMQAdapter } = require('@bull-board/api/bullMQAdapter') as typeof import('@bull-board/api/bullMQAdapter');
      const { ExpressAdapter } = require('@bull-board/express') as typeof import('@bull-board/express');
      const queues = DECLARED_QUEUES.map((declared) => ({
        queue: new Queue(declared.name, { connection: redisOptionsOf(this.env), prefix: this.env.QUEUE_PREFIX }),
        description: `${declared.description} (${declared.owner})`,
      }));
      const serverAdapter = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
      createBullBoard({ queues: queues.map(({ queue, description }) => new BullMQAdapter(queue, { description })), serverAdapter });
      this.board = { router: serverAdapter.getRouter() as BoardRouter, queues: queues.map(({ queue }) => queue) };
    }
    return this.board.router;
  }

  private async admit(req: BoardRequest, res: BoardResponse, next: () => void): Promise<void> {
    const token = queueBoardToken(req.headers);
    if (!token) {
      res.status(401).json({
        statusCode: 401,
        message: `Login required: send Authorization: Bearer <token>, or POST ${QUEUE_BOARD_PATH}/session first`,
      });
      return;
    }
    const claims = await this.tokens.claimsOf(token).catch(() => undefined);
    if (!claims) {
      res.status(401).json({ statusCode: 401, message: 'Invalid or expired access token' });
      return;
    }
    if (claims.role !== 'ADMIN') {
      res.status(403).json({ statusCode: 403, message: 'Only ADMIN may see the queues' });
      return;
    }
    this.routerOf()(req, res, next);
  }
}
