/**
 * Counts working days (hari kerja). Due times and reminder times of approval stages are computed
 * through it, so that the real calendar and the scaled test clock are interchangeable.
 */
export interface WorkingClock {
  /** The instant `workingDays` working days after `from`. */
  addWorkingDays(from: Date, workingDays: number): Date;
  /** The instant `workingDays` working days before `from`. */
  subtractWorkingDays(from: Date, workingDays: number): Date;
  /**
   * The working days that passed from `from` to `to` (0 when `to` is not later): the inverse of
   * `addWorkingDays`, so a stage decided exactly at its deadline of N working days took N.
   */
  workingDaysBetween(from: Date, to: Date): number;
}
