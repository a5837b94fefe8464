import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { DeliveryDetailSchema } from './delivery-view.schema';

/** Administrators: one delivery with every attempt. */
export const GetDelivery = defineRequest('notifications.get-delivery', {
  request: z.strictObject({ id: Uuid }),
  answer: DeliveryDetailSchema,
});
