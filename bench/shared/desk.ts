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

  constructor(readonly username: string) {}

  /** A task for this desk: a stage opened for it, or a tranche about to be ready. */
  ring(): void {
    this.expected++;
    this.wake?.();
  }

  dealt(): void {
    this.dealtWith++;
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
