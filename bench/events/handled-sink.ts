/** Where a consumer reports that it handled an event, and when (ms on `now()`'s clock). */
export interface HandledSink {
  handled(id: string, at: number): void;
}
