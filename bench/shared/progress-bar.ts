/** One line on stderr that redraws itself: `label [#####.....] done/total extra`. Plain lines when stderr is not a terminal. */
export class ProgressBar {
  private lastDrawn = 0;
  private lastPlainPercent = -10;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly width = 30,
  ) {}

  update(done: number, extra = ''): void {
    const now = Date.now();
    if (done < this.total && now - this.lastDrawn < 200) return;
    this.lastDrawn = now;
    const share = this.total ? Math.min(1, done / this.total) : 1;
    if (!process.stderr.isTTY) {
      const percent = Math.floor(share * 100);
      if (percent < this.lastPlainPercent + 10 && done < this.total) return;
      this.lastPlainPercent = percent;
      process.stderr.write(`${this.label} ${done}/${this.total} ${extra}\n`);
      return;
    }
    const filled = Math.round(share * this.width);
    process.stderr.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(this.width - filled)}] ${done}/${this.total} ${extra}\x1b[K`);
  }

  finish(extra = ''): void {
    this.lastDrawn = 0;
    this.update(this.total, extra);
    if (process.stderr.isTTY) process.stderr.write('\n');
  }
}
