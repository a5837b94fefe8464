import { DEMO_REGENCY_CODE, RegionDirectory } from '@alur/regions';
import { demoPayeeAccount } from '../../apps/proposals/src/seed/demo-payee-accounts';
import { DEMO_FISCAL_YEAR, DEMO_KOTAKU } from '../../apps/proposals/src/seed/demo-programmes';
import { AlurApi, ApiError } from './alur-api';
import { sleep } from './bench-results';
import { LifecycleTracker, now } from './lifecycle-tracker';
import { Desk } from './desk';
import { disbursementsOf, releaseReadyTranches, workInbox } from './officials';
import { Shift } from './shift';

const PROGRAMME = DEMO_KOTAKU;
/** Pagu per kecamatan the bench sets, so that no proposal waits for budget however many are run. */
const BENCH_CEILING = 1_000_000_000_000_000;

/**
 * Who acts after stage `order` of the demo programmes' chain (Lurah/Kepala Desa → Camat → Dinas →
 * Sekda → Bupati) is approved: the next official, or BPKAD after the last.
 */
function nextInChain(order: number, count: number, villageCode: string): string {
  if (order >= count) return 'bpkad';
  return ['lurah', `camat.${villageCode.split('.').slice(0, 3).join('.')}`, 'dinas', 'sekda', 'bupati'][order];
}

/** A KOTAKU proposal of Rp 95,000,000 (Rp 100,000,000 of works, 5% swadaya). */
export function benchDraft(villageCode: string, n: number) {
  return {
    programCode: PROGRAMME,
    villageCode,
    title: `Rehabilitasi drainase lingkungan ${n}`,
    category: 'INFRASTRUCTURE',
    description: 'Rehabilitasi saluran drainase lingkungan sepanjang 150 m',
    executorGroup: 'KSM Bina Lingkungan',
    beneficiaries: { households: 80, poorHouseholds: 30 },
    budgetItems: [
      { description: 'Beton precast U-ditch', quantity: 150, unit: 'm', unitPrice: 500_000 },
      { description: 'Upah tukang', quantity: 1, unit: 'ls', unitPrice: 25_000_000 },
    ],
    selfHelpAmount: 5_000_000,
    payeeAccount: demoPayeeAccount(villageCode),
  };
}

/**
 * Everyone of Kabupaten Bengkalis the benches need, logged in through the API: a BKM per village,
 * the Lurah/Kepala Desa of each village, each Camat, Dinas, Sekda, Bupati and BPKAD.
 */
export class RegencyPeople {
  readonly villages: string[];
  readonly districts: string[];
  private readonly tokens = new Map<string, string>();
  private readonly desks = new Map<string, Desk>();
  private readonly working: Array<Promise<void>> = [];
  readonly shift = new Shift();

  constructor(
    readonly api: AlurApi,
    readonly tracker: LifecycleTracker,
    regions = RegionDirectory.shared(),
  ) {
    this.villages = regions.villagesOf(DEMO_REGENCY_CODE).map((v) => v.code);
    this.districts = regions.childrenOf(DEMO_REGENCY_CODE).map((d) => d.code);
  }

  private get officials(): string[] {
    return [...this.villages.map((v) => `lurah.${v}`), ...this.districts.map((d) => `camat.${d}`), 'dinas', 'sekda', 'bupati'];
  }

  /** Logs everyone in (a few at a time: argon2 is meant to be slow) and raises every kecamatan's pagu. */
  async prepare(): Promise<void> {
    const usernames = [...this.villages.map((v) => `bkm.${v}`), ...this.officials, 'bpkad', 'bpkad.kuasa-bud'];
    for (let i = 0; i < usernames.length; i += 4) {
      await Promise.all(usernames.slice(i, i + 4).map(async (u) => this.tokens.set(u, await this.api.logIn(u))));
    }
    // The disbursements service learns the programme from the stream: retry until it knows it.
    for (const district of this.districts) {
      for (let attempt = 0; ; attempt++) {
        try {
          await this.api.call('PUT', `/budgets/${PROGRAMME}/${DEMO_FISCAL_YEAR}/${district}`, {
            token: this.token('bpkad'),
            body: { amount: BENCH_CEILING },
            label: 'set ceiling',
          });
          break;
        } catch (error) {
          if (attempt > 100) throw error;
          await sleep(300);
        }
      }
    }
  }

  token(username: string): string {
    const token = this.tokens.get(username);
    if (!token) throw new Error(`${username} is not logged in`);
    return token;
  }

  /**
   * Officials start working their inboxes and BPKAD its releases. Each is told of a task as the
   * console's notification would tell them (the next official in the chain when a stage is approved,
   * BPKAD when the last one is), and sees it at the console's next refresh, `lookMs` later.
   */
  startDesks(lookMs: number): void {
    for (const official of this.officials) {
      const desk = this.deskOf(official);
      this.working.push(
        workInbox(this.api, this.token(official), desk, this.shift, this.tracker, lookMs, (item) =>
          this.deskOf(nextInChain(item.stage.order, item.stage.count, item.proposal.villageCode)).ring(),
        ),
      );
    }
    const bpkad = { preparer: this.token('bpkad'), authoriser: this.token('bpkad.kuasa-bud') };
    this.working.push(releaseReadyTranches(this.api, bpkad, this.deskOf('bpkad'), this.shift, this.tracker, lookMs));
  }

  async stopDesks(): Promise<void> {
    this.shift.end();
    await Promise.all(this.working);
    this.working.length = 0;
  }

  /**
   * Submits as a person does: when the gateway gives up waiting (504), click again a little later;
   * a 409 then means the first click went through after all.
   */
  private async submit(token: string, proposalId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.api.call('POST', `/proposals/${proposalId}/submit`, { token, body: {}, label: 'submit' });
        return;
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (attempt > 1 && error.status === 409) return;
        if (error.status !== 504 || attempt >= 3) throw error;
        this.tracker.retries++;
        await sleep(2_000);
      }
    }
  }

  /** For a lifecycle that failed: where its disbursement stands, as BPKAD would see it, so the report tells a lost event from a slow desk. */
  private async disbursementStateOf(proposalId: string): Promise<string> {
    try {
      const items = await disbursementsOf(this.api, this.token('bpkad'), proposalId, 'diagnosis');
      const tranche1 = items[0]?.tranches.find((t) => t.number === 1);
      return items.length === 0 ? ' (no disbursement yet)' : ` (tranche 1 ${tranche1?.status ?? 'missing'})`;
    } catch (error) {
      return ` (disbursement not readable: ${String(error)})`;
    }
  }

  private deskOf(username: string): Desk {
    let desk = this.desks.get(username);
    if (!desk) {
      desk = new Desk(username);
      this.desks.set(username, desk);
    }
    return desk;
  }

  /**
   * One lifecycle from the BKM's side: create and submit a proposal, then wait until BPKAD has
   * released its first tranche. Never throws: a failure is recorded on the tracker.
   */
  async runLifecycle(villageCode: string, n: number, timeoutMs: number): Promise<void> {
    const token = this.token(`bkm.${villageCode}`);
    const startedAt = now();
    let proposalId: string | undefined;
    try {
      ({ id: proposalId } = await this.api.call<{ id: string }>('POST', '/proposals', {
        token,
        body: benchDraft(villageCode, n),
        label: 'create',
      }));
      this.tracker.started(proposalId, villageCode, startedAt);
      const released = this.tracker.waitReleased(proposalId, timeoutMs);
      released.catch(() => undefined); // awaited below, unless submitting fails first
      await this.submit(token, proposalId);
      this.tracker.submitted(proposalId);
      this.deskOf(`lurah.${villageCode}`).ring();
      await released;
    } catch (error) {
      if (proposalId) this.tracker.failed(proposalId, `${String(error)}${await this.disbursementStateOf(proposalId)}`);
      else {
        const id = `unstarted-${n}`;
        this.tracker.started(id, villageCode, startedAt);
        this.tracker.failed(id, String(error));
      }
    }
  }
}
