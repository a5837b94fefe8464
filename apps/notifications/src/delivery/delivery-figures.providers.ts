import { Provider } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { makeFigureProvider, METRICS } from '@alur/metrics';

/** E-mail, SMS and WhatsApp deliveries by channel and status: `failed` rising is the "deliveries failing" alert. */
export const DELIVERY_FIGURES: Provider[] = [
  makeFigureProvider({
    name: METRICS.notificationDeliveries,
    help: 'Deliveries by channel and status (queued, sending, retrying, sent, failed)',
    labelNames: ['channel', 'status'],
    inject: [DataSource],
    read: async (db: DataSource) => {
      const rows: Array<{ channel: string; status: string; n: number }> = await db.query(
        'SELECT channel, status, count(*)::int AS n FROM delivery GROUP BY channel, status',
      );
      return rows.map((row) => ({ labels: { channel: row.channel, status: row.status }, value: row.n }));
    },
  }),
];
