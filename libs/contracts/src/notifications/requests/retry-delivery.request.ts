import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { DeliveryDetailSchema } from './delivery-view.schema';

/** Administrators: queue a failed delivery again, with a full set of attempts (409 unless it failed). */
export const RetryDelivery = defineRequest('notifications.retry-delivery', {
  request: z.strictObject({ id: Uuid }),
  answer: DeliveryDetailSchema,
});
