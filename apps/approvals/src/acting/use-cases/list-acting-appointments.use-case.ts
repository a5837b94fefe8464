import { Injectable } from '@nestjs/common';
import { Actor } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { RegionDirectory } from '@alur/regions';
import { ActingAppointmentRepository } from '../acting-appointment.repository';
import { ActingAppointmentView, toAppointmentView } from '../acting-appointment.view';

/** Admins see the appointments of their region; anyone else those where they act or are acted for. Newest first. */
@Injectable()
export class ListActingAppointmentsUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly appointments: ActingAppointmentRepository,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor): Promise<ActingAppointmentView[]> {
    const db = this.transactions.manager;
    const appointments =
      actor.role === 'ADMIN'
        ? (await this.appointments.all(db)).filter((a) => this.regions.covers(actor.regionCode, a.regionCode))
        : await this.appointments.involving(db, actor.userId);
    const now = new Date();
    return appointments.map((a) => toAppointmentView(a, now));
  }
}
