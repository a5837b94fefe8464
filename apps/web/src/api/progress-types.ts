/**
 * Progress reports and the fiscal calendar as the API answers them (GET /progress-reports,
 * GET /proposals/:id/progress-reports, GET /fiscal-years/:year/carry-over).
 */

/** What the verifier should look at twice in a photo (warnings), or what the phone did not record (information). */
export type PhotoFlag = 'FAR_FROM_VILLAGE' | 'TAKEN_LONG_BEFORE' | 'NO_LOCATION' | 'NO_CAPTURE_TIME';
export const WARNING_FLAGS: readonly PhotoFlag[] = ['FAR_FROM_VILLAGE', 'TAKEN_LONG_BEFORE'];

export interface ProgressPhoto {
  /** An uploaded photo (`/api/v1/uploads/photos/<id>`, read with the caller's token) or an https address. */
  url: string;
  caption?: string;
  /** From the photo's EXIF, for uploads; null where the phone recorded nothing. */
  capture?: { capturedAt: string | null; latitude: number | null; longitude: number | null };
  /** What was found checking the photo when it was reported. */
  check?: { flags: PhotoFlag[]; distanceKm: number | null; daysBeforeReport: number | null };
}

export type VerificationStatus = 'PENDING' | 'ACCEPTED' | 'SENT_BACK';

export interface ProgressReport {
  id: string;
  proposalId: string;
  physicalProgressPercent: number;
  amountSpent: number;
  note: string;
  photos: ProgressPhoto[];
  villageLocation: { latitude: number; longitude: number; place: string } | null;
  photoWarnings?: PhotoFlag[];
  final: boolean;
  reportedAt: string;
  reportedBy: string;
  verificationStatus: VerificationStatus;
  verificationNote: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
}

/** A funded proposal's title and place, as lists of the caller's region name it (the gateway adds the names). */
interface OfProposal {
  proposalId: string;
  disbursementId: string;
  title: string;
  programCode: string;
  villageCode: string;
  districtCode: string;
  villageName: string | null;
  districtName: string | null;
}

/** A report in a list of the caller's region: with its proposal, what was released and the swadaya. */
export interface ProgressReportItem extends ProgressReport, OfProposal {
  amount: number;
  released: number;
  selfHelpAmount: number | null;
}

export interface ReleasesClosing {
  regencyCode: string;
  fiscalYear: number;
  releasesCloseAt: string;
  /** True while BPKAD has set no date: the year closes for releases at its end. */
  isDefault: boolean;
  closed: boolean;
}

export interface CarryOverReport extends ReleasesClosing {
  total: number;
  byProgramme: Array<{ programCode: string; amount: number; tranches: number }>;
  items: Array<
    OfProposal & {
      trancheNumber: number;
      trancheStatus: string;
      amount: number;
    }
  >;
}
