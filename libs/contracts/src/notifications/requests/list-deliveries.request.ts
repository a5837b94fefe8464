import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { pageQuery, pageWithSliceOf } from '../../requests/request-fields';
import { DeliveryViewSchema, NOTIFICATION_DELIVERY_STATUSES } from './delivery-view.schema';

/** Administrators: deliveries by status (failed unless asked otherwise), newest first, optionally for one recipient. */
export const ListDeliveries = defineRequest('notifications.list-deliveries', {
  request: z.strictObject({
    status: z.enum(NOTIFICATION_DELIVERY_STATUSES).default('failed'),
    /** Username or user id of the recipient, e.g. camat.14.03.09. */
    recipient: z.string().min(1).optional(),
    ...pageQuery({ defaultPageSize: 50, maxPageSize: 200, acceptsLimitOffset: true }),
  }),
  answer: pageWithSliceOf(DeliveryViewSchema),
});
