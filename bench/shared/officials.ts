import { randomUUID } from 'node:crypto';
import type { BankAccount } from '@alur/contracts';
import { DEMO_FISCAL_YEAR } from '../../apps/proposals/src/seed/demo-programmes';
import { AlurApi, ApiError } from './alur-api';
import { Desk } from './desk';
import { LifecycleTracker, now } from './lifecycle-tracker';
import { Shift } from './shift';

/** As the web console shows them: an inbox page of 20, BPKAD's queue of what waits for it 20 to a page. */
const INBOX_PAGE_SIZE = 20;
const QUEUE_PAGE_SIZE = 20;

interface InboxPage {
  items: Array<{ stageId: string; proposal: { proposalId: string; villageCode: string }; stage: { order: number; count: number } }>;
}

interface Tranche {
  number: number;
  status: 'LOCKED' | 'READY' | 'PREPARED' | 'RELEASED';
  spm: { sp2dNumber: string } | null;
}

/** BPKAD's two officials of a release: one prepares the SPM, the other authorises it. */
export interface ReleasingOfficials {
  preparer: string;
  authoriser: string;
}

export interface Disbursement {
  id: string;
  proposalId: string;
  /** The account the BKM gave in its proposal, which the SPM names as the console's form does. */
  payeeAccount: BankAccount | null;
  tranches: Tranche[];
}

export type InboxItem = InboxPage['items'][number];

/**
 * An official working their inbox as a person does once told of a new task: the console shows it
 * at its next refresh (`lookMs`), they approve every stage on the page and look again at once
 * while there is work, and go back to waiting when everything they were told of is dealt with.
 */
export async function workInbox(
  api: AlurApi,
  token: string,
  desk: Desk,
  shift: Shift,
  tracker: LifecycleTracker,
  lookMs: number,
  approved: (item: InboxItem) => void,
): Promise<void> {
  let lastLookFound = false;
  while (!shift.over) {
    await desk.untilRung(shift);
    if (!lastLookFound) await shift.pause(lookMs);
    if (shift.over) return;
    let page: InboxPage;
    try {
      page = await api.call<InboxPage>('GET', `/approvals/inbox?pageSize=${INBOX_PAGE_SIZE}`, { token, label: 'inbox' });
    } catch (error) {
      tracker.error(String(error));
      lastLookFound = false;
      continue;
    }
    lastLookFound = page.items.length > 0;
    for (const item of page.items) {
      if (shift.over) return;
      try {
        await api.call('POST', `/approvals/${item.stageId}/decision`, { token, body: { decision: 'APPROVE' }, label: 'decision' });
        tracker.decided(item.proposal.proposalId, item.stage.order, item.stage.count);
        approved(item);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) tracker.conflicts++;
        else tracker.failed(item.proposal.proposalId, String(error));
      }
      desk.dealt();
    }
  }
}

/**
 * BPKAD's release of one tranche by two officials: the preparer prepares the SPM of a READY tranche
 * (recording its SP2D number to be), the authoriser authorises it. A tranche found PREPARED (an
 * earlier attempt's authorisation never came through) is only authorised.
 */
export async function releaseTranche(
  api: AlurApi,
  officials: ReleasingOfficials,
  disbursement: Disbursement,
  tranche: Tranche,
): Promise<void> {
  const path = `/disbursements/${disbursement.id}/tranches/${tranche.number}`;
  let sp2dNumber = tranche.spm?.sp2dNumber;
  if (!sp2dNumber) {
    sp2dNumber = `${disbursement.id.slice(0, 8)}-${tranche.number}/SP2D/LS/${DEMO_FISCAL_YEAR}`;
    await api.call('POST', `${path}/spm`, {
      token: officials.preparer,
      body: { sp2dNumber, bankAccount: disbursement.payeeAccount },
      headers: { 'Idempotency-Key': randomUUID() },
      label: 'prepare',
    });
  }
  await api.call('POST', `${path}/release`, {
    token: officials.authoriser,
    body: { sp2dNumber, releasedAt: new Date().toISOString() },
    headers: { 'Idempotency-Key': randomUUID() },
    label: 'release',
  });
}

/**
 * BPKAD going through funded disbursements once told approvals are coming, newest approval first as
 * the console lists them, releasing each READY tranche 1 (one official prepares, the other authorises;
 * one left PREPARED is authorised); it pages on while a page still had such tranches, and looks again after `lookMs` while releases it was told of have not appeared yet.
 * One it was told of two looks ago and still has not found in the list it opens by itself, as a clerk follows the message's link.
 */
export async function releaseReadyTranches(
  api: AlurApi,
  officials: ReleasingOfficials,
  desk: Desk,
  shift: Shift,
  tracker: LifecycleTracker,
  lookMs: number,
): Promise<void> {
  let lastLookFound = false;
  while (!shift.over) {
    await desk.untilRung(shift);
    if (!lastLookFound) await shift.pause(lookMs);
    let released = 0;
    try {
      // The queue holds only what waits for BPKAD, oldest approval first; what was released leaves it, so its first
      // page is read again until it holds nothing new (a release that failed stays, and is not tried twice a look).
      const tried = new Set<string>();
      while (!shift.over) {
        const page = await api.call<{ items: Disbursement[] }>('GET', `/disbursements?awaitingTreasury=true&pageSize=${QUEUE_PAGE_SIZE}`, {
          token: officials.preparer,
          label: 'funding list',
        });
        const ready = page.items.flatMap((d) => {
          const t = tried.has(d.id) ? undefined : readyFirstTranche(d);
          return t ? [{ d, t }] : [];
        });
        for (const { d, t } of ready) {
          tried.add(d.id);
          await release(d, t);
          released++;
        }
        if (ready.length === 0 || page.items.length < QUEUE_PAGE_SIZE) break;
      }
    } catch (error) {
      tracker.error(String(error));
    }
    lastLookFound = released > 0;
  }

  async function release(d: Disbursement, t: Tranche): Promise<void> {
    try {
      await releaseTranche(api, officials, d, t);
      tracker.released(d.proposalId);
    } catch (error) {
      tracker.failed(d.proposalId, String(error));
    }
    desk.dealt();
  }
}

/** A proposal's disbursement (none before it is funded), as a clerk opens it from a message's link. */
export async function disbursementsOf(api: AlurApi, token: string, proposalId: string, label: string): Promise<Disbursement[]> {
  const { items } = await api.call<{ items: Disbursement[] }>('GET', `/disbursements?proposalId=${proposalId}`, { token, label });
  return items;
}

/** Tranche 1 when it waits for BPKAD: READY, or PREPARED by an earlier attempt whose authorisation never came through. */
function readyFirstTranche(d: Disbursement): Tranche | undefined {
  return d.tranches.find((t) => t.number === 1 && (t.status === 'READY' || t.status === 'PREPARED'));
}
