import { Module } from '@nestjs/common';
import { Transactions } from '@alur/database';
import { UploadedFileRepository } from '../uploads/uploaded-file.repository';
import { UserAccountRepository } from '../users/user-account.repository';

const REPOSITORIES = [Transactions, UserAccountRepository, UploadedFileRepository];

/**
 * The gateway's repositories (each owns its table's SQL) and its transactions, for every feature
 * module here. The audit trail's and the Idempotency-Keys' SQL live once in libs/audit and libs/database.
 */
@Module({ providers: REPOSITORIES, exports: REPOSITORIES })
export class GatewayPersistenceModule {}
