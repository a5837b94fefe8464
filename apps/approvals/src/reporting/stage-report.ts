/** How the approval chain of a kabupaten stands, per role of the chain and per kecamatan. */
export interface StageReport {
  /** Open stages (proposals waiting) per role, how many are overdue, and the median days a decision took. */
  perStage: Array<{ role: string; open: number; overdue: number; decided: number; medianDays: number | null }>;
  /** Overdue open stages by the kecamatan of the proposal's village. */
  overdueByDistrict: Array<{ districtCode: string; overdue: number }>;
}
