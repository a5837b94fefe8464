import { JetStreamApiCodes, JetStreamApiError, JetStreamManager, StorageType, DiscardPolicy, RetentionPolicy } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

/** How long JetStream drops a re-published event id; the consumer inbox covers anything older. */
export const DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Creates the event stream for all `<prefix>.>` subjects if it does not exist. */
export async function ensureEventStream(jsm: JetStreamManager, name: string, subjectPrefix: string): Promise<void> {
  try {
    await jsm.streams.info(name);
    return;
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name,
      subjects: [`${subjectPrefix}.>`],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: nanos(MAX_AGE_MS),
      duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    });
  } catch (error) {
    // Another service created it at the same moment.
    if (!(error instanceof JetStreamApiError && /already in use/i.test(error.message))) throw error;
  }
}
