import { Injectable } from '@nestjs/common';
import { InboundDeadLetter, InboundEventStore } from '../consumer/inbound-event.store';
import { InboundEventProcessor } from '../consumer/inbound-event-processor.service';

export type DeadLetter = InboundDeadLetter;

/**
 * Events this service could not handle, kept for an operator: each parks its aggregate (the later events
 * of it wait, counted in `heldBehind`) until it is replayed, in stream order, or explicitly skipped.
 */
@Injectable()
export class DeadLetterService {
  constructor(
    private readonly store: InboundEventStore,
    private readonly processor: InboundEventProcessor,
  ) {}

  list(options: { includeResolved?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    return this.store.deadLetters(options);
  }

  get(id: string): Promise<DeadLetter | undefined> {
    return this.store.deadLetter(id);
  }

  /** Handles it again now; throws ReplayFailedError with the reason if it still cannot be handled. */
  replay(id: string): Promise<void> {
    return this.processor.replay(id);
  }

  /** Gives it up on purpose, so that the events held behind it go on. */
  async skip(id: string): Promise<boolean> {
    const skipped = await this.store.skip(id);
    if (skipped) this.processor.wake();
    return skipped;
  }
}
