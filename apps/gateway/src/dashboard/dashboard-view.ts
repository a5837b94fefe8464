/** The regency dashboard: where proposals wait, what is overdue, how long decisions take, and the money per kecamatan. */
export interface DashboardView {
  regencyCode: string;
  /** As people write it: "Kabupaten Bengkalis". */
  regencyName: string;
  perStage: Array<{ role: string; open: number; overdue: number; decided: number; medianMinutes: number | null }>;
  overdueByDistrict: Array<{ districtCode: string; name: string; overdue: number }>;
  fundsByDistrict: Array<{ districtCode: string; name: string; proposals: number; amount: number; committed: number; released: number }>;
}
