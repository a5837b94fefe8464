import { now } from './lifecycle-tracker';
import { Shift } from './shift';

/**
 * An official's (or BPKAD's) desk: told when a task is on its way, as the console's notification
 * tells a person, and keeping count of what it has dealt with, so its owner looks at the inbox only
 * while work is expected rather than all day.
 */
export class Desk {
  private expected = 0;
  private dealtWith = 0;
  private wake?: () => void;
  /** The proposals the desk was told of by name, with when, until dealt with. */
  private readonly toldOf = new Map<string, number>();

  constructor(readonly username: string) {}

  /** A task for this desk: a stage opened for it, or a tranche about to be ready; `proposalId` when the message named it. */
  ring(proposalId?: string): void {
    this.expected++;
    if (proposalId) this.toldOf.set(proposalId, now());
    this.wake?.();
  }

  dealt(proposalId?: string): void {
    this.dealtWith++;
    if (proposalId) this.toldOf.delete(proposalId);
  }

  /** The proposals it was told of by name at or before `at` and has not dealt with yet. */
  toldOfBefore(at: number): string[] {
    return [...this.toldOf].filter(([, toldAt]) => toldAt <= at).map(([proposalId]) => proposalId);
  }

  get expectingWork(): boolean {
    return this.dealtWith < this.expected;
  }

  /** Resolves once work is expected, or when the shift ends. */
  async untilRung(shift: Shift): Promise<void> {
    while (!this.expectingWork && !shift.over) {
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        shift.onEnd(resolve);
      });
      this.wake = undefined;
    }
  }
}
