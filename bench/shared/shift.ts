/** The working day of the bench's people: they pause between looks at their inbox until it ends. */
export class Shift {
  private ended = false;
  private wake: Array<() => void> = [];
  private readonly enders: Array<() => void> = [];

  get over(): boolean {
    return this.ended;
  }

  /** Waits `ms` (±20%, so people do not look in lockstep), or less if the shift ends meanwhile. */
  pause(ms: number): Promise<void> {
    if (this.ended) return Promise.resolve();
    const jittered = ms * (0.8 + Math.random() * 0.4);
    return new Promise((resolve) => {
      const timer = setTimeout(done, jittered);
      const wake = this.wake;
      function done() {
        clearTimeout(timer);
        const at = wake.indexOf(done);
        if (at >= 0) wake.splice(at, 1);
        resolve();
      }
      wake.push(done);
    });
  }

  /** Calls `listener` when the shift ends (at once if it has). */
  onEnd(listener: () => void): void {
    if (this.ended) listener();
    else this.enders.push(listener);
  }

  end(): void {
    this.ended = true;
    for (const wake of [...this.wake]) wake();
    for (const listener of this.enders.splice(0)) listener();
  }
}
