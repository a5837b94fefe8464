import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface PgListenerOptions {
  url: string;
  channel: string;
  applicationName: string;
  /** A NOTIFY on the channel, with its payload. */
  notified(payload: string): void;
  /** The connection was lost: notifications may have been missed until `listening` is true again. */
  lost?(): void;
}

/**
 * LISTEN on a dedicated connection of its own (a pooled one would be handed back, and its
 * notifications with it), reconnecting a second after a loss. NOTIFY is delivered on commit, so a
 * listener hears of exactly the committed changes; while it is down, its owner falls back on polling.
 */
export class PgListener {
  private readonly logger = new Logger(PgListener.name);
  private client?: Client;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly options: PgListenerOptions) {}

  get listening(): boolean {
    return this.client !== undefined;
  }

  async start(): Promise<void> {
    if (this.stopped) return;
    const { url, channel, applicationName } = this.options;
    const client = new Client({ connectionString: url, application_name: applicationName });
    client.on('notification', (message) => this.options.notified(message.payload ?? ''));
    client.on('error', (error) => {
      if (this.client !== client) return;
      this.logger.warn({ err: error, channel }, 'LISTEN connection lost; polling until it is back');
      this.client = undefined;
      this.options.lost?.();
      this.again();
    });
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: error, channel }, 'LISTEN failed; retrying');
      await client.end().catch(() => undefined);
      this.again();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private again(): void {
    if (!this.stopped) this.retry = setTimeout(() => void this.start(), 1000);
  }
}
