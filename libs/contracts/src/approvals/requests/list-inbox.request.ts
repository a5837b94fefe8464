import { z } from 'zod';
import { OfficialRefSchema } from '../../identity/official-ref.schema';
import { ROLES } from '../../identity/role';
import { defineRequest } from '../../requests/request-contract';
import { pageOf, pageQuery, ProgrammeCode, queryBoolean } from '../../requests/request-fields';

/** A stage waiting for the caller, with what they need to pick it up. */
export const InboxItemSchema = z.object({
  stageId: z.string(),
  proposal: z.object({
    proposalId: z.string(),
    submissionNumber: z.number().int(),
    title: z.string(),
    programCode: z.string(),
    programVersion: z.number().int(),
    category: z.string(),
    villageCode: z.string(),
    villageName: z.string().nullable(),
    districtCode: z.string(),
    requestedAmount: z.number().int(),
  }),
  stage: z.object({
    order: z.number().int(),
    count: z.number().int(),
    role: z.enum(ROLES),
    regionLevel: z.string(),
    regionCode: z.string(),
  }),
  openedAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  /** Set when the caller sees the stage as Plt/Plh of this official. */
  actingFor: OfficialRefSchema.nullable(),
  /**
   * The stage of this submission the caller (or the official they act for) already decided: nobody
   * decides two stages of one submission, so deciding this one is refused (DECIDED_ANOTHER_STAGE).
   */
  decidedEarlierStage: z.object({ order: z.number().int(), role: z.string() }).nullable(),
});
export type InboxItem = z.infer<typeof InboxItemSchema>;

/** The stages waiting for the caller (and for officials they act for), oldest first. */
export const ListInbox = defineRequest('approvals.inbox', {
  request: z.strictObject({
    ...pageQuery({ defaultPageSize: 20, maxPageSize: 100 }),
    /** Text in the proposal's title, its village's name or its kecamatan's. */
    q: z.string().max(200).optional(),
    programCode: ProgrammeCode.optional(),
    /** true: only stages past their deadline; false: only those still on time. */
    overdue: queryBoolean.optional(),
  }),
  answer: pageOf(InboxItemSchema),
});
