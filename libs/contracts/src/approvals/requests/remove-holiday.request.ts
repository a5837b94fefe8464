import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { CalendarDate, HolidayViewSchema } from './holiday-view.schema';

/**
 * An admin takes a day off the working calendar (one added by mistake, a cuti bersama the government
 * moved); the answer is the day removed. Stages opened afterwards count it as a working day. 404 if it is not a holiday.
 */
export const RemoveHoliday = defineRequest('approvals.holidays.remove', {
  request: z.strictObject({ date: CalendarDate }),
  answer: HolidayViewSchema,
});
