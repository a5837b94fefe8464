import { EXTERNAL_CHANNELS, ExternalChannel } from '../../messages/domain/notification-kind';
import { DirectoryUser } from '../../recipients/domain/recipient-resolver';

/** The channels the user switched on (for a category), has an address for, and the regency has configured. */
export function reachableChannels(
  user: Pick<DirectoryUser, 'email' | 'phone'>,
  toggles: Record<ExternalChannel, boolean>,
  smsConfigured: boolean,
): ExternalChannel[] {
  return EXTERNAL_CHANNELS.filter((channel) => {
    if (!toggles[channel]) return false;
    if (channel === 'email') return Boolean(user.email);
    return Boolean(user.phone) && smsConfigured;
  });
}
