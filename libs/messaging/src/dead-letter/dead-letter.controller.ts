import { ConflictException, Controller, Get, HttpCode, NotFoundException, Param, PipeTransform, Post, Query, Req } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { z } from 'zod';
import { Actor, queryBoolean } from '@alur/contracts';
import { CLS_ACTOR } from '@alur/observability';
import { ReplayFailedError } from '../consumer/inbound-event-processor.service';
import { DeadLetter, DeadLetterOperator, DeadLetterService } from './dead-letter.service';
import { parseRequest } from '@alur/contracts';

/** `/ops/dead-letters/:id/…`: a dead letter by its number (a bigint, so at most 18 digits here). */
const DeadLetterPath = z.strictObject({ id: z.string().regex(/^\d{1,18}$/, { message: 'must be a dead letter number' }) });
/** `?all=true` lists the replayed and skipped letters too. */
const DeadLetterListQuery = z.strictObject({ all: queryBoolean.optional() });

/** These routes serve a domain service's loopback port as well as the gateway, so they parse their own input (400 naming the field). */
class ParsedBy implements PipeTransform {
  constructor(private readonly schema: z.ZodType) {}

  transform(value: unknown): unknown {
    return parseRequest(this.schema, value);
  }
}

interface SocketRequest {
  socket?: { remoteAddress?: string };
}

/**
 * Operator view of this service's dead letters. A domain service answers /ops only on loopback
 * (OpsLoopbackGuard); the gateway's own /ops is for its ADMIN. Replays and skips go on the audit trail.
 */
@Controller('ops/dead-letters')
export class DeadLetterController {
  constructor(
    private readonly deadLetters: DeadLetterService,
    private readonly cls: ClsService,
  ) {}

  @Get()
  async list(@Query(new ParsedBy(DeadLetterListQuery)) { all }: z.infer<typeof DeadLetterListQuery>) {
    const letters = await this.deadLetters.list({ includeResolved: all === true });
    return letters.map(({ data, ...letter }) => ({ ...letter, data: data?.toString('utf8') ?? null }));
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param(new ParsedBy(DeadLetterPath)) { id }: z.infer<typeof DeadLetterPath>, @Req() request: SocketRequest) {
    const letter = await this.open(id);
    try {
      await this.deadLetters.replay(letter, this.operatorOf(request));
    } catch (error) {
      if (!(error instanceof ReplayFailedError)) throw error;
      throw new ConflictException(`dead letter ${id} still cannot be handled: ${error.message}`);
    }
    return { id: letter.id, replayed: true };
  }

  @Post(':id/skip')
  @HttpCode(200)
  async skip(@Param(new ParsedBy(DeadLetterPath)) { id }: z.infer<typeof DeadLetterPath>, @Req() request: SocketRequest) {
    const letter = await this.open(id);
    if (!(await this.deadLetters.skip(letter, this.operatorOf(request))))
      throw new ConflictException(`dead letter ${id} is no longer dead`);
    return { id: letter.id, skipped: true };
  }

  /** The gateway's logged-in ADMIN (its guard put them in the request context), or no one on a service's loopback port. */
  private operatorOf(request: SocketRequest): DeadLetterOperator {
    const actor = this.cls.isActive() ? (this.cls.get<Actor | null>(CLS_ACTOR) ?? null) : null;
    return { actor, address: request.socket?.remoteAddress ?? null };
  }

  private async open(id: string): Promise<DeadLetter> {
    const letter = await this.deadLetters.get(id);
    if (!letter) throw new NotFoundException(`dead letter ${id} not found`);
    if (letter.replayedAt) throw new ConflictException(`dead letter ${id} was replayed at ${letter.replayedAt.toISOString()}`);
    if (letter.skippedAt) throw new ConflictException(`dead letter ${id} was skipped at ${letter.skippedAt.toISOString()}`);
    return letter;
  }
}
