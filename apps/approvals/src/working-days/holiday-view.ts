/** A holiday as the API shows it. */
export interface HolidayView {
  date: string;
  name: string;
}
