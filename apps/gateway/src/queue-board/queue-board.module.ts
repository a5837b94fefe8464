import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { QueueBoardSessionController } from './queue-board-session.controller';
import { QueueBoard } from './queue-board.service';

/** The operators' view of every declared BullMQ queue (Bull Board), ADMIN only, its sessions audited. */
@Module({
  imports: [AuthModule],
  controllers: [QueueBoardSessionController],
  providers: [QueueBoard],
})
export class QueueBoardModule {}
