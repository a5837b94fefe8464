import { NotificationKind } from '../../messages/domain/notification-kind';
import { Audience } from './audience';

/** One kind of message an event calls for, and to whom: decided from the event alone. */
export interface PlannedNotification {
  kind: NotificationKind;
  audiences: Audience[];
  /** Users told by name rather than by role and region (the official appointed to act). */
  userIds?: string[];
  /** Users the audiences leave out although they hold the role: who prepared an SPM is not asked to authorise it. */
  exceptUserIds?: string[];
  /** The proposal it is about; null for news about the recipient (an appointment). */
  proposalId: string | null;
  /**
   * The console page the message leads to, where its reader acts (a verifier's queue, a Plt's inbox); without it,
   * the proposal's page (the console's home for news about no proposal).
   */
  consolePath?: string;
  /** The proposal's title when the event carries it; otherwise the service's own copy is used. */
  title: string | null;
  /**
   * The programme the message names: the templates' `programmeName` is its name, read with the recipients
   * (the code where the service never heard the name).
   */
  programCode?: string;
  /** The village of the proposal, or the region the news is about. */
  villageCode: string;
  /** Kind-specific values the templates use (amounts in whole rupiah, moments as ISO strings). */
  facts: Record<string, string | number | boolean | null>;
}
