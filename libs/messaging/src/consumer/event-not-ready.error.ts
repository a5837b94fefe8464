/**
 * Thrown by an event handler when the event cannot take effect *yet* because something that will
 * come true by itself has not happened (the programme is not yet known here, funding has not yet
 * started). The consumer waits and tries again without spending an attempt, and the events after
 * it of the same aggregate wait behind it, so nothing is dead-lettered for merely being early.
 */
export class EventNotReadyError extends Error {
  constructor(readonly waitingFor: string) {
    super(`waiting for ${waitingFor}`);
    this.name = 'EventNotReadyError';
  }
}
