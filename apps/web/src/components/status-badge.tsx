import type { ShownStatus } from '../api/types';
import { useI18n } from '../i18n/i18n';

const TONE: Record<string, string> = {
  DRAFT: 'neutral',
  SUBMITTED: 'info',
  IN_REVIEW: 'info',
  OPEN: 'info',
  RETURNED: 'warn',
  AWAITING_BUDGET: 'warn',
  READY: 'warn',
  PREPARED: 'info',
  APPROVED: 'ok',
  FUNDING: 'ok',
  RELEASED: 'ok',
  COMPLETED: 'ok',
  REJECTED: 'bad',
  WITHDRAWN: 'neutral',
  CANCELLED: 'neutral',
  LOCKED: 'neutral',
} satisfies Record<ShownStatus, string>;

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge badge-${TONE[status] ?? 'neutral'}`}>{t.status[status] ?? status}</span>;
}

/** Due, due within a day, or overdue: the badge an official sees on a waiting decision. */
export function DueBadge({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  const { t, deadline } = useI18n();
  const soon = !overdue && new Date(dueAt).getTime() - Date.now() < 86_400_000;
  const tone = overdue ? 'bad' : soon ? 'warn' : 'ok';
  const label = overdue ? t.overdue : soon ? t.dueSoon : t.onTime;
  return (
    <span className={`badge badge-${tone}`}>
      {label} · {t.due} {deadline(dueAt)}
    </span>
  );
}
