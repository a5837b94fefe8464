import type { NotificationCategory } from '@alur/contracts';

// The categories, languages and external channels are part of the API (preferences), so the contracts declare them.
export {
  EXTERNAL_CHANNELS,
  type ExternalChannel,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
  NOTIFICATION_LANGUAGES as LANGUAGES,
  type NotificationLanguage as Language,
} from '@alur/contracts';

/**
 * What a notification is about. Each kind has one template per language
 * (`apps/notifications/templates/<language>/<file>.hbs`) and belongs to one category, the unit in
 * which users switch channels on and off.
 */

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
  SPM_PREPARED: { category: 'FUNDS', template: 'spm-prepared' },
  SPM_RETURNED: { category: 'FUNDS', template: 'spm-returned' },
  PAYEE_ACCOUNT_CHANGED: { category: 'FUNDS', template: 'payee-account-changed' },
  TRANCHE_RELEASED: { category: 'FUNDS', template: 'tranche-released' },
  PROGRESS_REPORTED: { category: 'TASK', template: 'progress-reported' },
  PROGRESS_ACCEPTED: { category: 'STATUS', template: 'progress-accepted' },
  PROGRESS_SENT_BACK: { category: 'STATUS', template: 'progress-sent-back' },
  PROPOSAL_COMPLETED: { category: 'STATUS', template: 'proposal-completed' },
  REMINDER_DIGEST: { category: 'REMINDER', template: 'reminder-digest' },
  ACTING_APPOINTMENT: { category: 'TASK', template: 'acting-appointment' },
} as const satisfies Record<string, { category: NotificationCategory; template: string }>;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export function categoryOf(kind: NotificationKind): NotificationCategory {
  return NOTIFICATION_KINDS[kind].category;
}
