/**
 * Reads shared while they are under way: a read asked for again before it has answered is not made a second time,
 * the later caller gets the same answer. Nothing is kept after the answer, so no caller gets one older than a read
 * that was already under way when it asked.
 */
export class InFlightReads<T> {
  private readonly underWay = new Map<string, Promise<T>>();

  read(key: string, load: () => Promise<T>): Promise<T> {
    const already = this.underWay.get(key);
    if (already) return already;
    const reading = load().finally(() => this.underWay.delete(key));
    this.underWay.set(key, reading);
    return reading;
  }
}
