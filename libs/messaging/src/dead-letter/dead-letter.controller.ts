import { ConflictException, Controller, Get, HttpCode, NotFoundException, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { EventConsumer } from '../consumer/event-consumer.service';
import { DeadLetterService } from './dead-letter.service';

/**
 * Operator view of this service's dead letters. The services listen on loopback only (HTTP_HOST);
 * operators reach them from the host, and the gateway never routes to /ops.
 */
@Controller('ops/dead-letters')
export class DeadLetterController {
  constructor(
    private readonly deadLetters: DeadLetterService,
    private readonly consumer: EventConsumer,
  ) {}

  @Get()
  async list(@Query('all') all?: string) {
    const letters = await this.deadLetters.list({ includeReplayed: all === 'true' });
    return letters.map(({ data, ...letter }) => ({ ...letter, data: data.toString('utf8') }));
  }

  @Post(':id/replay')
  @HttpCode(200)
  async replay(@Param('id', ParseIntPipe) id: number) {
    const letter = await this.deadLetters.get(String(id));
    if (!letter) throw new NotFoundException(`dead letter ${id} not found`);
    if (letter.replayedAt) throw new ConflictException(`dead letter ${id} was replayed at ${letter.replayedAt.toISOString()}`);
    try {
      await this.consumer.replay(letter.subject, letter.data);
    } catch (error) {
      throw new ConflictException(`dead letter ${id} still cannot be handled: ${(error as Error).message}`);
    }
    await this.deadLetters.markReplayed(letter.id);
    return { id: letter.id, replayed: true };
  }
}
