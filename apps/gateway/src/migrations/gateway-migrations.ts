import { AUDIT_TRAIL_MIGRATIONS } from '@alur/audit';
import { AddTokenVersion1764200000000 } from './add-token-version.migration';
import { AddPhotoCapture1764300000000 } from './add-photo-capture.migration';
import { AllowInspektoratRole1764500000000 } from './allow-inspektorat-role.migration';
import { AllowVerifikatorRole1764200000001 } from './allow-verifikator-role.migration';
import { CreateProgressPhotos1764100000000 } from './create-progress-photos.migration';
import { CreateUserAccounts1764000000000 } from './create-user-accounts.migration';
import { GeneraliseUploads1764100000001 } from './generalise-uploads.migration';
import { NotifyAccountStanding1764400000000 } from './notify-account-standing.migration';

/** The gateway's own migrations, in order (ServiceCoreModule puts the messaging tables' in front). */
export const GATEWAY_MIGRATIONS = [
  CreateUserAccounts1764000000000,
  CreateProgressPhotos1764100000000,
  GeneraliseUploads1764100000001,
  AddTokenVersion1764200000000,
  AllowVerifikatorRole1764200000001,
  AddPhotoCapture1764300000000,
  NotifyAccountStanding1764400000000,
  AllowInspektoratRole1764500000000,
  // Security-relevant actions (logins, new users, uploads, queue-board sessions).
  ...AUDIT_TRAIL_MIGRATIONS,
];
