import { Injectable } from '@nestjs/common';
import { EntityManager, LessThanOrEqual, MoreThan } from 'typeorm';
import { ActingAppointmentEntity } from './acting-appointment.entity';
import { ActingAppointment } from './domain/acting-appointment';

/** Newest first: by start, then by when the appointment was made. */
const NEWEST_FIRST = { validFrom: 'DESC', createdAt: 'DESC' } as const;

/** Acting appointments (Plt/Plh): who decides in an official's place, where and until when. */
@Injectable()
export class ActingAppointmentRepository {
  /** The appointments under which `actingUserId` acts for someone at `at`: valid from `validFrom`, until (not including) `validUntil`. */
  activeFor(db: EntityManager, actingUserId: string, at: Date): Promise<ActingAppointment[]> {
    return db.findBy(ActingAppointmentEntity, { actingUserId, validFrom: LessThanOrEqual(at), validUntil: MoreThan(at) });
  }

  async insert(tx: EntityManager, appointment: ActingAppointment): Promise<void> {
    await tx.insert(ActingAppointmentEntity, { ...appointment });
  }

  /** The appointment as stored; it must exist. */
  get(db: EntityManager, id: string): Promise<ActingAppointment> {
    return db.findOneByOrFail(ActingAppointmentEntity, { id });
  }

  /** The appointment under its row lock (SELECT … FOR UPDATE), or null. */
  lock(tx: EntityManager, id: string): Promise<ActingAppointment | null> {
    return tx.findOne(ActingAppointmentEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Ends the appointment at `validUntil`. */
  async endAt(tx: EntityManager, id: string, validUntil: Date): Promise<void> {
    await tx.update(ActingAppointmentEntity, { id }, { validUntil });
  }

  /** Every appointment, newest first. */
  all(db: EntityManager): Promise<ActingAppointment[]> {
    return db.find(ActingAppointmentEntity, { order: NEWEST_FIRST });
  }

  /** The appointments where `userId` acts or is acted for, newest first. */
  involving(db: EntityManager, userId: string): Promise<ActingAppointment[]> {
    return db.find(ActingAppointmentEntity, { where: [{ actingUserId: userId }, { forUserId: userId }], order: NEWEST_FIRST });
  }
}
