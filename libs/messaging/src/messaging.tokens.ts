export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Test-only hooks that let a test crash a process at an exact point; never set in production. */
export interface MessagingFaults {
  /** Called after received messages are stored and before they are acknowledged (ids of the stored events). */
  afterReceivedBeforeAck?: (eventIds: Array<string | null>) => void | Promise<void>;
  /** Called after an event's handlers committed their effect. */
  afterHandled?: (eventId: string) => void | Promise<void>;
}

export interface MessagingModuleOptions {
  faults?: MessagingFaults;
}
