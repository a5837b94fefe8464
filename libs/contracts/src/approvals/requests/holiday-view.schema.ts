import { z } from 'zod';

/** A day of the calendar written YYYY-MM-DD, and one that exists (no 2026-02-30). */
export const CalendarDate = z
  .string()
  .refine(
    (value) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    },
    { message: 'date must be a calendar date written YYYY-MM-DD', params: { code: 'invalid_format' } },
  )
  .meta({ format: 'date', example: '2026-03-20' });

/** A non-working weekday of the working calendar, as the API shows it. */
export const HolidayViewSchema = z.object({ date: z.string(), name: z.string() });
export type HolidayView = z.infer<typeof HolidayViewSchema>;
