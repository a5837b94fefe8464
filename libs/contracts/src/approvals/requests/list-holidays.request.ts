import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { queryInt } from '../../requests/request-fields';
import { HolidayViewSchema } from './holiday-view.schema';

/** The non-working weekdays of a year, in date order. */
export const ListHolidays = defineRequest('approvals.holidays.list', {
  request: z.strictObject({
    /** Defaults to the current year (the service's clock). */
    year: queryInt({ min: 2000, max: 2100 }).optional(),
  }),
  answer: z.array(HolidayViewSchema),
});
