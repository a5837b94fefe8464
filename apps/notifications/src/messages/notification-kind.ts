/**
 * What a notification is about. Each kind has one template per language
 * (`apps/notifications/templates/<language>/<file>.hbs`) and belongs to one category, the unit in
 * which users switch channels on and off.
 */
export const NOTIFICATION_CATEGORIES = ['STATUS', 'TASK', 'REMINDER', 'FUNDS'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export const NOTIFICATION_KINDS = {
  PROPOSAL_SUBMITTED: { category: 'STATUS', template: 'proposal-submitted' },
  PROPOSAL_WITHDRAWN: { category: 'STATUS', template: 'proposal-withdrawn' },
  STAGE_OPENED: { category: 'TASK', template: 'stage-opened' },
  STAGE_APPROVED: { category: 'STATUS', template: 'stage-approved' },
  PROPOSAL_RETURNED: { category: 'STATUS', template: 'proposal-returned' },
  PROPOSAL_REJECTED: { category: 'STATUS', template: 'proposal-rejected' },
  PROPOSAL_APPROVED: { category: 'STATUS', template: 'proposal-approved' },
  APPROVAL_REMINDER: { category: 'REMINDER', template: 'approval-reminder' },
  STAGE_ESCALATED: { category: 'TASK', template: 'stage-escalated' },
  PROPOSAL_DELAYED: { category: 'STATUS', template: 'proposal-delayed' },
  BUDGET_COMMITTED: { category: 'FUNDS', template: 'budget-committed' },
  AWAITING_BUDGET: { category: 'FUNDS', template: 'awaiting-budget' },
  TRANCHE_READY: { category: 'FUNDS', template: 'tranche-ready' },
  TRANCHE_RELEASED: { category: 'FUNDS', template: 'tranche-released' },
  PROPOSAL_COMPLETED: { category: 'STATUS', template: 'proposal-completed' },
  REMINDER_DIGEST: { category: 'REMINDER', template: 'reminder-digest' },
  ACTING_APPOINTMENT: { category: 'TASK', template: 'acting-appointment' },
} as const satisfies Record<string, { category: NotificationCategory; template: string }>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Channels besides the in-app inbox, which every notification reaches. */
export const EXTERNAL_CHANNELS = ['email', 'sms', 'whatsapp'] as const;
export type ExternalChannel = (typeof EXTERNAL_CHANNELS)[number];

export function categoryOf(kind: NotificationKind): NotificationCategory {
  return NOTIFICATION_KINDS[kind].category;
}
