import { Controller, Get } from '@nestjs/common';
import { SpineHealth } from './spine-health.service';

/** Operators' view of the event spine: outbox backlog, consumer lag, dead letters and parked aggregates. */
@Controller('ops/spine')
export class SpineStatusController {
  constructor(private readonly spine: SpineHealth) {}

  @Get()
  status() {
    return this.spine.figures();
  }
}
