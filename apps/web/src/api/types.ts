import type {
  AnswerOf,
  ApprovalStageReport,
  CarryOverItem,
  FundsReportItem,
  GetProposal,
  ListProgressReports,
  ListProposals,
  ProgressReportListItem,
  ReportCarryOver,
} from '@alur/contracts';

/**
 * What the gateway adds to the services' answers before the console reads them: region names and the
 * names of people. Everything else the console reads is the contracts' own answer (`AnswerOf<typeof X>`
 * or the view type), imported where it is read. Rupiah are integers.
 */

/** The statuses a badge shows (each needs a label and a tone): a proposal's, a stage's, a disbursement's and a tranche's. */
export type { ShownStatus } from '@alur/contracts';

/**
 * A request body as a form sends it: a number the console could not read from what was typed goes as
 * the text, so that the API names the field it refuses (in the person's words, not the console's).
 */
export type AsTyped<T> = T extends number
  ? T | string
  : T extends ReadonlyArray<infer U>
    ? AsTyped<U>[]
    : T extends object
      ? { [K in keyof T]: AsTyped<T[K]> }
      : T;

/** Added by the gateway from the region directory; null for a code it does not know. */
export interface RegionNames {
  villageName: string | null;
  districtName: string | null;
}

/** A person the gateway named (`displayName`), as a timeline entry records them. */
type Named<T> = T & { displayName: string };

type TimelineEntry = NonNullable<AnswerOf<typeof GetProposal>['timeline']>[number];
type TimelineActor = NonNullable<TimelineEntry['actor']>;

/** A timeline entry with its actor (and whom they acted for) named. */
export type NamedTimelineEntry = Omit<TimelineEntry, 'actor'> & {
  actor: (Named<Omit<TimelineActor, 'actingFor'>> & { actingFor: Named<NonNullable<TimelineActor['actingFor']>> | null }) | null;
};

/** `GET /proposals/:id`: the proposal with its region names and a named timeline. */
export type Proposal = Omit<AnswerOf<typeof GetProposal>, 'timeline'> & RegionNames & { timeline?: NamedTimelineEntry[] };

/** `GET /proposals`: a page of proposals with their region names. */
export type ProposalSummary = AnswerOf<typeof ListProposals>['items'][number] & RegionNames;
export type ProposalPage = Omit<AnswerOf<typeof ListProposals>, 'items'> & { items: ProposalSummary[] };

/** `GET /progress-reports`: a report of the caller's region, with its proposal's region names. */
export type ProgressReportItem = ProgressReportListItem & RegionNames;
export type ProgressReportPage = Omit<AnswerOf<typeof ListProgressReports>, 'items'> & { items: ProgressReportItem[] };

/** `GET /fiscal-years/:year/carry-over`: the carry-over with its proposals' region names. */
export type CarryOverReport = Omit<AnswerOf<typeof ReportCarryOver>, 'items'> & { items: Array<CarryOverItem & RegionNames> };

/** Money added up over proposals, as the gateway's transparency report and dashboard total it. */
export interface MoneyTotals {
  proposals: number;
  amount: number;
  committed: number;
  released: number;
}

/**
 * `GET /public/transparency`: the gateway groups the disbursements service's funds report
 * (ListFundsReport) by kecamatan and village and names them; a proposal keeps everything but its codes.
 */
export interface TransparencyReport {
  generatedAt: string;
  totals: MoneyTotals;
  districts: Array<
    MoneyTotals & {
      code: string;
      name: string;
      villages: Array<
        MoneyTotals & { code: string; name: string; items: Array<Omit<FundsReportItem, 'villageCode' | 'districtCode' | 'regencyCode'>> }
      >;
    }
  >;
}

/**
 * `GET /public/transparency` as the console reads it: one page of the report (totals over all that
 * matched), and the map of every village with funded proposals and the kecamatan seats.
 */
export interface TransparencyPage extends TransparencyReport {
  page: number;
  pageSize: number;
  /** Proposals that matched, over all pages. */
  total: number;
  map: Array<{
    code: string;
    name: string;
    villages: Array<{ code: string; name: string; proposals: number; amount: number; released: number }>;
  }>;
  seats: Array<{ code: string; name: string; place: string; latitude: number; longitude: number; proposals: number }>;
}

/**
 * `GET /dashboard`: the approvals service's stage report (ReportApprovalStages) with the kecamatan
 * named, and the funds report totalled per kecamatan.
 */
export interface Dashboard {
  regencyCode: string;
  regencyName: string;
  perStage: ApprovalStageReport['perStage'];
  overdueByDistrict: Array<ApprovalStageReport['overdueByDistrict'][number] & { name: string }>;
  fundsByDistrict: Array<MoneyTotals & { districtCode: string; name: string }>;
}
