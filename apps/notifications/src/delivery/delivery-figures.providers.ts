import { Provider } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { makeFigureProvider, METRICS } from '@alur/metrics';
import { DeliveryRepository } from './delivery.repository';

/** E-mail, SMS and WhatsApp deliveries by channel and status: `failed` rising is the "deliveries failing" alert. */
export const DELIVERY_FIGURES: Provider[] = [
  makeFigureProvider({
    name: METRICS.notificationDeliveries,
    help: 'Deliveries by channel and status (queued, sending, retrying, sent, failed)',
    labelNames: ['channel', 'status'],
    inject: [Transactions, DeliveryRepository],
    read: async (transactions: Transactions, deliveries: DeliveryRepository) => {
      const counts = await deliveries.countsByChannelAndStatus(transactions.manager);
      return counts.map((row) => ({ labels: { channel: row.channel, status: row.status }, value: row.count }));
    },
  }),
];
