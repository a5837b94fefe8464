/** A day that is not a working day although it falls on Monday to Friday (a national holiday, cuti bersama…). */
export interface Holiday {
  /** `YYYY-MM-DD` in the regency's time zone. */
  date: string;
  name: string;
}
