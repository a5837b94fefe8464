export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');

/** Test-only hooks that let a test crash a process at an exact point; never set in production. */
export interface MessagingFaults {
  /** Called after a handler's transaction committed and before the message is acknowledged. */
  afterCommitBeforeAck?: (eventId: string) => void | Promise<void>;
}

export interface MessagingModuleOptions {
  faults?: MessagingFaults;
}
