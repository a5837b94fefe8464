import { NotificationKind } from '../messages/notification-kind';
import { Audience } from './audience';

/** One kind of message an event calls for, and to whom: decided from the event alone. */
export interface PlannedNotification {
  kind: NotificationKind;
  audiences: Audience[];
  proposalId: string;
  /** The proposal's title when the event carries it; otherwise the service's own copy is used. */
  title: string | null;
  villageCode: string;
  /** Kind-specific values the templates use (amounts in whole rupiah, moments as ISO strings). */
  facts: Record<string, string | number | boolean | null>;
}
