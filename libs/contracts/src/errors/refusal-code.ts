/**
 * The codes of the refusals the services decide themselves (a DomainError's `code`, a FieldError's),
 * beside the validation library's own (`too_big`, `invalid_format`...). A refusal's `reason` is English
 * for people reading the API; the console says the code in its reader's language, and its test holds
 * it to saying every code here: a refusal without one reads only "this entry is not right yet".
 */
export const RefusalCode = {
  Required: 'required',
  TooSmall: 'too_small',
  TooBig: 'too_big',
  NotWholeNumber: 'not_whole_number',
  NotANumber: 'not_a_number',
  InvalidFormat: 'invalid_format',
  NotAfterStart: 'not_after_start',
  InFuture: 'IN_FUTURE',
  Repeated: 'REPEATED',
  UnknownRegion: 'UNKNOWN_REGION',
  // proposals and programmes
  ProgrammeNotPublished: 'PROGRAMME_NOT_PUBLISHED',
  CategoryNotInProgramme: 'CATEGORY_NOT_IN_PROGRAMME',
  VillageNotEligible: 'VILLAGE_NOT_ELIGIBLE',
  PoorAboveHouseholds: 'POOR_ABOVE_HOUSEHOLDS',
  BudgetLineRequired: 'BUDGET_LINE_REQUIRED',
  BudgetTotalZero: 'BUDGET_TOTAL_ZERO',
  QuantityInvalid: 'QUANTITY_INVALID',
  WholeRupiah: 'WHOLE_RUPIAH',
  SelfHelpAboveTotal: 'SELF_HELP_ABOVE_TOTAL',
  NothingRequested: 'NOTHING_REQUESTED',
  RequestedAboveMaximum: 'REQUESTED_ABOVE_MAXIMUM',
  SelfHelpBelowMinimum: 'SELF_HELP_BELOW_MINIMUM',
  DocumentRequired: 'DOCUMENT_REQUIRED',
  NotADecidingRole: 'NOT_A_DECIDING_ROLE',
  WrongRegionLevel: 'WRONG_REGION_LEVEL',
  FirstTrancheUnlock: 'FIRST_TRANCHE_UNLOCK',
  UnlockNotRising: 'UNLOCK_NOT_RISING',
  // approvals
  DecidedAnotherStage: 'DECIDED_ANOTHER_STAGE',
  ActingTooLong: 'ACTING_TOO_LONG',
  AppointingSelf: 'APPOINTING_SELF',
  ActingForSelf: 'ACTING_FOR_SELF',
  NotADecidingOfficial: 'NOT_A_DECIDING_OFFICIAL',
  AppointmentNotInForce: 'appointment_not_in_force',
  // disbursements
  BelowLastReport: 'BELOW_LAST_REPORT',
  AboveReleasedPlusSwadaya: 'ABOVE_RELEASED_PLUS_SWADAYA',
  PhotoRequired: 'PHOTO_REQUIRED',
  Sp2dTaken: 'SP2D_TAKEN',
  SpmAlreadyPrepared: 'SPM_ALREADY_PREPARED',
  SpmNotPrepared: 'SPM_NOT_PREPARED',
  SpmChanged: 'SPM_CHANGED',
  TrancheAlreadyReleased: 'TRANCHE_ALREADY_RELEASED',
  StageDecider: 'STAGE_DECIDER',
  SameOfficial: 'SAME_OFFICIAL',
  CeilingBelowCommitted: 'CEILING_BELOW_COMMITTED',
  CeilingChanged: 'CEILING_CHANGED',
  CeilingLevelMismatch: 'CEILING_LEVEL_MISMATCH',
  // notifications
  DigestNotForRole: 'DIGEST_NOT_FOR_ROLE',
  // the gateway: accounts and uploads
  NoActiveUser: 'NO_ACTIVE_USER',
  RegionNotForRole: 'region_not_for_role',
  OwnAccount: 'own_account',
  WrongPassword: 'WRONG_PASSWORD',
  PasswordUnchanged: 'PASSWORD_UNCHANGED',
  UnsupportedFile: 'UNSUPPORTED_FILE',
  UploadNotOwn: 'upload_not_own',
  AuditExportTooLarge: 'AUDIT_EXPORT_TOO_LARGE',
} as const;
export type RefusalCode = (typeof RefusalCode)[keyof typeof RefusalCode];
