import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import {
  ActingAppointmentMadeV1,
  Actor,
  AppointActingOfficial,
  decidesStages,
  DECIDING_ROLES,
  InvalidInputError,
  NotFoundError,
  RefusalCode,
  RequestOf,
  requireRole,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { ActingAppointmentRepository } from '../acting-appointment.repository';
import { ActingAppointmentView, toAppointmentView } from '../acting-appointment.view';
import { ActingAppointment } from '../domain/acting-appointment';

/** Who acts for whom and when; the gateway looks both users up and passes what it found. */
export type AppointActingOfficialCommand = RequestOf<typeof AppointActingOfficial>;

const DAY_MS = 24 * 3600_000;

/**
 * An admin appoints a Plt/Plh: for the period, the acting user sees and decides the other official's
 * stages. Within limits: both are officials who decide stages (never an ADMIN, BPKAD, BKM or
 * VERIFIKATOR, so an admin cannot hand itself a Bupati's authority), both within the admin's region
 * (404 otherwise, before anything about them is said), and for at most ACTING_APPOINTMENT_MAX_DAYS.
 * ActingAppointmentMade commits with the appointment, so the acting official is told and, while it
 * is in force, receives the reminders in the absent official's place.
 */
@Injectable()
export class AppointActingOfficialUseCase {
  constructor(
    private readonly transactions: Transactions,
    private readonly appointments: ActingAppointmentRepository,
    private readonly regions: RegionDirectory,
    private readonly changes: ChangeRecorder,
    @Inject(APP_ENV) private readonly env: BaseEnv,
  ) {}

  async execute(admin: Actor, command: AppointActingOfficialCommand): Promise<ActingAppointmentView> {
    requireRole(admin, 'ADMIN');
    // Dates with their offsets, the period ending after it begins: the contract's (AppointActingOfficial), checked before this runs.
    const validFrom = new Date(command.validFrom);
    const validUntil = new Date(command.validUntil);
    const maxDays = this.env.ACTING_APPOINTMENT_MAX_DAYS;
    if (validUntil.getTime() - validFrom.getTime() > maxDays * DAY_MS) {
      throw new InvalidInputError([
        {
          field: 'validUntil',
          reason: `an acting appointment lasts at most ${maxDays} days: make a new one when it ends`,
          code: RefusalCode.ActingTooLong,
        },
      ]);
    }
    if (!this.regions.covers(admin.regionCode, command.actingFor.regionCode)) {
      throw new NotFoundError(`No official ${command.actingFor.username} in your region`);
    }
    if (!this.regions.covers(admin.regionCode, command.acting.regionCode))
      throw new NotFoundError(`No official ${command.acting.username} in your region`);
    if (command.acting.userId === admin.userId) {
      throw new InvalidInputError([
        { field: 'actingUsername', reason: 'an admin cannot appoint themself as acting official', code: RefusalCode.AppointingSelf },
      ]);
    }
    if (!decidesStages(command.actingFor.role)) {
      throw new InvalidInputError([
        {
          field: 'forUsername',
          reason: `${command.actingFor.username} is a ${command.actingFor.role}, not an official who decides approval stages`,
          code: RefusalCode.NotADecidingOfficial,
        },
      ]);
    }
    if (command.acting.userId === command.actingFor.userId) {
      throw new InvalidInputError([
        { field: 'actingUsername', reason: 'an official cannot act for themself', code: RefusalCode.ActingForSelf },
      ]);
    }
    if (!decidesStages(command.acting.role)) {
      throw new InvalidInputError([
        {
          field: 'actingUsername',
          reason: `${command.acting.username} is a ${command.acting.role}: only an official who decides approval stages (${DECIDING_ROLES.join(', ')}) may act for one`,
          code: RefusalCode.NotADecidingOfficial,
        },
      ]);
    }

    const appointment: ActingAppointment = {
      id: randomUUID(),
      actingUserId: command.acting.userId,
      actingUsername: command.acting.username,
      forUserId: command.actingFor.userId,
      forUsername: command.actingFor.username,
      role: command.actingFor.role,
      regionCode: command.actingFor.regionCode,
      validFrom,
      validUntil,
      createdBy: admin,
    };
    await this.transactions.run(async (tx) => {
      await this.appointments.insert(tx, appointment);
      await this.changes.record(tx, {
        announce: {
          contract: ActingAppointmentMadeV1,
          aggregateId: appointment.id,
          actor: admin,
          payload: {
            appointmentId: appointment.id,
            acting: { userId: appointment.actingUserId, username: appointment.actingUsername },
            actingFor: { userId: appointment.forUserId, username: appointment.forUsername },
            role: appointment.role,
            regionCode: appointment.regionCode,
            validFrom: validFrom.toISOString(),
            validUntil: validUntil.toISOString(),
          },
        },
        audit: {
          action: 'acting-appointment.created',
          entityType: 'acting-appointment',
          entityId: appointment.id,
          after: toAppointmentView(appointment),
        },
      });
    });
    return toAppointmentView(await this.appointments.get(this.transactions.manager, appointment.id));
  }
}
