import { useState } from 'react';
import type { AnswerOf, DeliveryView as Delivery, ListDeliveries, NotificationDeliveryStatus, RetryDelivery } from '@alur/contracts';
import { api } from '../../api/api-client';
import { pageCountOf } from '../../components/address-pager';
import { ErrorSummary } from '../../components/error-summary';
import { useLoad } from '../../components/use-load';
import { useAdminTexts } from '../../i18n/admin-messages';
import { useI18n } from '../../i18n/i18n';
import { AdminPager } from './admin-pager';

/** In the order an operator looks at them: failed first. */
const STATUSES = ['failed', 'retrying', 'queued', 'sending', 'sent'] as const satisfies readonly NotificationDeliveryStatus[];
const PAGE_SIZE = 20;
/** Bull Board, served by the gateway; the session call puts the admin's token in a cookie only that path receives. */
const QUEUE_BOARD = '/api/v1/admin/queues';

/** ADMIN: deliveries by status (failed first), sending a failed one again, and the way to the queue board. */
export function AdminDeliveriesPage() {
  const { t, dateTime } = useI18n();
  const a = useAdminTexts();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('failed');
  const [page, setPage] = useState(1);
  const deliveries = useLoad(
    () =>
      api<AnswerOf<typeof ListDeliveries>>('GET', '/notifications/deliveries', {
        query: { status, page, pageSize: PAGE_SIZE },
      }),
    [status, page],
  );
  const [busy, setBusy] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const pages = pageCountOf(deliveries.data);

  const retry = async (delivery: Delivery) => {
    setBusy(delivery.id);
    setActionError(undefined);
    setNotice(undefined);
    try {
      await api<AnswerOf<typeof RetryDelivery>>('POST', `/notifications/deliveries/${delivery.id}/retry`, { body: {} });
      setNotice(a.retried);
      deliveries.reload();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(undefined);
    }
  };

  const openQueueBoard = async () => {
    setActionError(undefined);
    // Opened before the await, so the browser does not take it for an unasked pop-up.
    const board = window.open('about:blank', '_blank');
    try {
      await api('POST', `${QUEUE_BOARD.slice('/api/v1'.length)}/session`, { body: {} });
      if (board) board.location.href = `${QUEUE_BOARD}/`;
    } catch (error) {
      board?.close();
      setActionError(error);
    }
  };

  return (
    <section>
      <div className="page-title">
        <h1>{a.deliveriesTitle}</h1>
        <button type="button" className="button secondary" onClick={() => void openQueueBoard()} aria-describedby="queue-board-hint">
          {a.queueBoard}
        </button>
      </div>
      <p className="muted" id="queue-board-hint">
        {a.queueBoardHint}
      </p>
      <p className="lead">{a.deliveriesIntro}</p>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={actionError ?? deliveries.error} />
      <div className="field">
        <label htmlFor="delivery-status">{a.deliveryStatus}</label>
        <select
          id="delivery-status"
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as (typeof STATUSES)[number]);
            setPage(1);
          }}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {a.statuses[s]}
            </option>
          ))}
        </select>
      </div>
      {deliveries.loading && !deliveries.data && <p aria-live="polite">{t.loading}</p>}
      {deliveries.data && deliveries.data.items.length === 0 && <p data-testid="no-deliveries">{a.noDeliveries}</p>}
      {deliveries.data && deliveries.data.items.length > 0 && (
        <div className="table-scroll card">
          <table className="stack-table" data-testid="deliveries">
            <thead>
              <tr>
                <th scope="col">{a.recipient}</th>
                <th scope="col">{a.channel}</th>
                <th scope="col">{a.subject}</th>
                <th scope="col">{a.attempts}</th>
                <th scope="col">{a.lastError}</th>
                <th scope="col">{a.actions}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((delivery) => (
                <tr key={delivery.id} data-testid="delivery-row">
                  <td data-label={a.recipient}>
                    {delivery.recipient.username ?? delivery.recipient.userId}
                    <br />
                    <span className="muted">{delivery.address}</span>
                  </td>
                  <td data-label={a.channel}>{delivery.channel}</td>
                  <td data-label={a.subject}>
                    {delivery.subject}
                    <br />
                    <span className="muted">{dateTime(delivery.createdAt)}</span>
                  </td>
                  <td data-label={a.attempts}>{delivery.attempts}</td>
                  <td data-label={a.lastError}>{delivery.lastError ?? '—'}</td>
                  <td data-label={a.actions}>
                    {delivery.status === 'failed' && (
                      <button
                        type="button"
                        className="button secondary"
                        disabled={busy === delivery.id}
                        onClick={() => void retry(delivery)}
                        aria-label={`${a.retry}: ${delivery.subject}`}
                      >
                        {a.retry}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AdminPager page={page} pages={pages} onPage={setPage} />
    </section>
  );
}
