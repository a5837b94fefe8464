/** A stage waiting for the caller, with what they need to pick it up. */
export interface InboxItem {
  stageId: string;
  proposal: {
    proposalId: string;
    submissionNumber: number;
    title: string;
    programCode: string;
    programVersion: number;
    category: string;
    villageCode: string;
    villageName: string | null;
    districtCode: string;
    requestedAmount: number;
  };
  stage: { order: number; count: number; role: string; regionLevel: string; regionCode: string };
  openedAt: string;
  dueAt: string;
  overdue: boolean;
  /** Set when the caller sees the stage as Plt/Plh of this official. */
  actingFor: { userId: string; username: string } | null;
  /**
   * The stage of this submission the caller (or the official they act for) already decided: nobody
   * decides two stages of one submission, so deciding this one is refused (DECIDED_ANOTHER_STAGE).
   */
  decidedEarlierStage: { order: number; role: string } | null;
}

export interface InboxQuery {
  page?: number;
  pageSize?: number;
  /** Text in the proposal's title or its village's name. */
  q?: string;
  programCode?: string;
  /** true: only stages past their deadline; false: only those still on time. */
  overdue?: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  page: number;
  pageSize: number;
  total: number;
}
