import { JetStreamManager } from '@nats-io/jetstream';
import { Client } from 'pg';

export interface BacklogPeaks {
  /** Committed events the relay had not published yet. */
  outboxUnpublished: number;
  /** Published events the consumer had not been delivered yet. */
  streamPending: number;
  /** Delivered events not acknowledged yet (being handled, or waiting for their aggregate's turn). */
  ackPending: number;
  samples: number;
}

/**
 * Samples where the durable path's backlog sits while it runs: in the outbox (the relay lags) or in
 * the stream (the consumer lags). Its own connections, so it does not take the services' pool.
 */
export class BacklogSampler {
  private timer?: NodeJS.Timeout;
  private sampling?: Promise<void>;
  private peaks: BacklogPeaks = { outboxUnpublished: 0, streamPending: 0, ackPending: 0, samples: 0 };

  constructor(
    private readonly pg: Client,
    private readonly outboxSchema: string,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly durable: string,
    private readonly intervalMs = 250,
  ) {}

  start(): void {
    this.peaks = { outboxUnpublished: 0, streamPending: 0, ackPending: 0, samples: 0 };
    this.timer = setInterval(() => {
      this.sampling ??= this.sample().finally(() => (this.sampling = undefined));
    }, this.intervalMs);
  }

  async stop(): Promise<BacklogPeaks> {
    clearInterval(this.timer);
    await this.sampling;
    return this.peaks;
  }

  private async sample(): Promise<void> {
    const [{ rows }, consumer] = await Promise.all([
      this.pg.query<{ n: string }>(`SELECT count(*) AS n FROM "${this.outboxSchema}".outbox_event WHERE published_at IS NULL`),
      this.jsm.consumers.info(this.stream, this.durable),
    ]);
    this.peaks.outboxUnpublished = Math.max(this.peaks.outboxUnpublished, Number(rows[0].n));
    this.peaks.streamPending = Math.max(this.peaks.streamPending, consumer.num_pending);
    this.peaks.ackPending = Math.max(this.peaks.ackPending, consumer.num_ack_pending);
    this.peaks.samples++;
  }
}
