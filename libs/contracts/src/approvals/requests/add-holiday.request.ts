import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { text } from '../../requests/request-fields';
import { CalendarDate, HolidayViewSchema } from './holiday-view.schema';

/** An admin adds a non-working day (e.g. cuti bersama); stages opened afterwards skip it. 409 if it is one already. */
export const AddHoliday = defineRequest('approvals.holidays.add', {
  request: z.strictObject({
    /** A date in the regency's time zone. */
    date: CalendarDate,
    name: text(200),
  }),
  answer: HolidayViewSchema,
});
