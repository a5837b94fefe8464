import { AddTraceContext1765100000000 } from './add-trace-context.migration';
import { CreateInboundEvents1764400000000 } from './create-inbound-events.migration';
import { CreateMessagingTables1763900000000 } from './create-messaging-tables.migration';
import { RepublishByPublication1765700000000 } from './republish-by-publication.migration';

/** The spine's tables, migrated in every service's schema before the service's own migrations. */
export const MESSAGING_MIGRATIONS = [
  CreateMessagingTables1763900000000,
  CreateInboundEvents1764400000000,
  AddTraceContext1765100000000,
  RepublishByPublication1765700000000,
];
