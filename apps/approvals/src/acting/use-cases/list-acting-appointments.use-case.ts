import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@alur/contracts';
import { RegionDirectory } from '@alur/regions';
import { ActingAppointmentEntity } from '../acting-appointment.entity';
import { ActingAppointmentView, toAppointmentView } from '../acting-appointment-view';

/** Admins see the appointments of their region; anyone else those where they act or are acted for. Newest first. */
@Injectable()
export class ListActingAppointmentsUseCase {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionDirectory,
  ) {}

  async execute(actor: Actor): Promise<ActingAppointmentView[]> {
    const repository = this.dataSource.getRepository(ActingAppointmentEntity);
    const order = { validFrom: 'DESC' as const, createdAt: 'DESC' as const };
    const appointments =
      actor.role === 'ADMIN'
        ? (await repository.find({ order })).filter((a) => this.regions.covers(actor.regionCode, a.regionCode))
        : await repository.find({ where: [{ actingUserId: actor.userId }, { forUserId: actor.userId }], order });
    const now = new Date();
    return appointments.map((a) => toAppointmentView(a, now));
  }
}
