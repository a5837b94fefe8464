import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { NatsClients } from '../nats/nats-connection';

export interface StreamPosition {
  /** When the stream was created: a stream recreated after a loss counts its sequence from 1 again. */
  created: Date;
  /** Every message of the durable consumer up to this stream sequence is acknowledged, so stored. */
  ackFloor: number;
  /**
   * The same floor in the consumer's own delivery sequence, which has no gaps where the consumer's filter
   * skips other subjects (nats-server 2.10): the receiver tells from it that a batch follows on the floor.
   */
  deliveryFloor: number;
}

/**
 * Where this service's durable consumer stands in the stream. The receiver acknowledges a message only
 * once it is stored, so below the ack floor no message can still be missing: the processor handles an
 * event only there, and an event whose predecessor was delivered but lost in a crash waits for its redelivery.
 */
@Injectable()
export class StreamCursor {
  private readonly logger = new Logger(StreamCursor.name);
  private last?: StreamPosition;
  /** Set by the receiver whenever it (re)binds to the stream. */
  streamCreated?: Date;

  constructor(
    private readonly nats: NatsClients,
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @Inject(SERVICE_NAME) private readonly durableName: string,
  ) {}

  /** The last position read, without asking NATS: a floor that already covers an event needs no new look. */
  known(): StreamPosition | undefined {
    return this.last;
  }

  /**
   * The receiver's own knowledge: its messages up to `seq` (`deliverySeq` in the consumer's sequence) are
   * acknowledged (confirmed) and the floor was just below them, so it is now at least there. Spares a look
   * at NATS for events it covers.
   */
  advance(created: Date, seq: number, deliverySeq: number): void {
    if (this.last && this.last.created.getTime() === created.getTime() && this.last.ackFloor < seq)
      this.last = { created, ackFloor: seq, deliveryFloor: deliverySeq };
  }

  /** The current position, or the last one known while NATS does not answer (the floor only moves forward). */
  async position(): Promise<StreamPosition | undefined> {
    if (!this.streamCreated) return this.last;
    try {
      const info = await this.nats.jsm.consumers.info(this.env.NATS_STREAM, this.durableName);
      this.last = { created: this.streamCreated, ackFloor: info.ack_floor.stream_seq, deliveryFloor: info.ack_floor.consumer_seq };
    } catch (error) {
      this.logger.debug({ err: error }, 'Consumer position unavailable; using the last known');
    }
    return this.last;
  }
}
