import { randomUUID } from 'node:crypto';
import { AuditTrail } from '@alur/audit';
import { BaseEnv } from '@alur/config';
import {
  Actor,
  AppointActingOfficial,
  AppointedUser,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RefusalCode,
  RequestInputOf,
} from '@alur/contracts';
import { Transactions } from '@alur/database';
import { ChangeRecorder, OutboxService } from '@alur/messaging';
import { as, InMemoryTransactions, RecordingAuditTrail, RecordingOutbox, refusalOf } from '@alur/testing';
import { InMemoryActingAppointments } from '../../testing/in-memory-repositories';
import { BALIK_ALAM, BENGKALIS, SUKAJADI, TEST_REGIONS as regions } from '../../testing/test-regions';
import { AppointActingOfficialUseCase } from './appoint-acting-official.use-case';
import { ListActingAppointmentsUseCase } from './list-acting-appointments.use-case';

// The appointment rules against an in-memory repository: no database, so a broken rule fails in milliseconds.
// Through the gateway, with the users looked up, they are test/approvals/approval-chain.e2e-spec.ts's.

const user = (username: string, role: AppointedUser['role'], regionCode: string): AppointedUser => ({
  userId: randomUUID(),
  username,
  role,
  regionCode,
});
const ADMIN_USER = user('admin', 'ADMIN', BENGKALIS);
const ADMIN: Actor = ADMIN_USER;
const BUPATI = user('bupati', 'BUPATI', BENGKALIS);
const SEKDA = user('sekda', 'SEKDA', BENGKALIS);
const BPKAD = user('bpkad', 'BPKAD', BENGKALIS);
const LURAH = user(`lurah.${BALIK_ALAM}`, 'LURAH', BALIK_ALAM);
const CAMAT_ELSEWHERE = user(`camat.${SUKAJADI}`, 'CAMAT', SUKAJADI);

const DAY = 24 * 3600_000;

function setUp() {
  const appointments = new InMemoryActingAppointments();
  const outbox = new RecordingOutbox();
  const audit = new RecordingAuditTrail();
  const transactions = as<Transactions>(new InMemoryTransactions());
  const appoint = new AppointActingOfficialUseCase(
    transactions,
    appointments,
    regions,
    new ChangeRecorder(as<OutboxService>(outbox), as<AuditTrail>(audit)),
    as<BaseEnv>({ ACTING_APPOINTMENT_MAX_DAYS: 90 }),
  );
  const list = new ListActingAppointmentsUseCase(transactions, appointments, regions);
  /** An appointment asked for through the request's contract, as the service reads it; its answer as the caller reads it. */
  const request = async (admin: Actor, acting: AppointedUser, actingFor: AppointedUser, days = 14, from = Date.now()) => {
    const command: RequestInputOf<typeof AppointActingOfficial> = {
      acting,
      actingFor,
      validFrom: new Date(from).toISOString(),
      validUntil: new Date(from + days * DAY).toISOString(),
    };
    return AppointActingOfficial.answer.parse(await appoint.execute(admin, AppointActingOfficial.request.parse(command)));
  };
  return { request, list, appointments, outbox, audit };
}

describe('appointing an acting official (Plt/Plh)', () => {
  it('appoints the Sekda as Plt Bupati for the period, tells them, and both see the appointment', async () => {
    const { request, list, outbox, audit } = setUp();
    const from = Date.now() - 3600_000;

    const appointment = await request(ADMIN, SEKDA, BUPATI, 14, from);

    expect(appointment).toEqual({
      id: expect.any(String),
      acting: { userId: SEKDA.userId, username: 'sekda' },
      actingFor: { userId: BUPATI.userId, username: 'bupati', role: 'BUPATI', regionCode: BENGKALIS },
      validFrom: new Date(from).toISOString(),
      validUntil: new Date(from + 14 * DAY).toISOString(),
      active: true,
      createdBy: { userId: ADMIN.userId, username: 'admin' },
    });
    expect(outbox.events).toEqual([
      expect.objectContaining({
        type: 'approvals.acting-appointment-made',
        aggregateId: appointment.id,
        actor: ADMIN,
        payload: {
          appointmentId: appointment.id,
          acting: { userId: SEKDA.userId, username: 'sekda' },
          actingFor: { userId: BUPATI.userId, username: 'bupati' },
          role: 'BUPATI',
          regionCode: BENGKALIS,
          validFrom: appointment.validFrom,
          validUntil: appointment.validUntil,
        },
      }),
    ]);
    expect(audit.entries).toMatchObject([{ actor: ADMIN, action: 'acting-appointment.created', entityId: appointment.id }]);
    expect(await list.execute(SEKDA)).toEqual([appointment]);
    expect(await list.execute(BUPATI)).toEqual([appointment]);
    expect(await list.execute(ADMIN)).toEqual([appointment]);
    expect(await list.execute(LURAH)).toEqual([]);
  });

  it('shows an appointment that begins later as not yet active', async () => {
    const { request } = setUp();

    const appointment = await request(ADMIN, SEKDA, BUPATI, 7, Date.now() + DAY);

    expect(appointment.active).toBe(false);
  });

  it('refuses an appointment longer than ACTING_APPOINTMENT_MAX_DAYS, naming validUntil, and records nothing', async () => {
    const { request, appointments, outbox, audit } = setUp();

    expect(await refusalOf(request(ADMIN, SEKDA, BUPATI, 91))).toEqual({
      error: expect.any(InvalidInputError),
      status: 400,
      body: {
        statusCode: 400,
        message: 'Validation failed',
        errors: [
          {
            field: 'validUntil',
            reason: 'an acting appointment lasts at most 90 days: make a new one when it ends',
            code: RefusalCode.ActingTooLong,
          },
        ],
      },
    });
    expect(appointments.rows).toEqual([]);
    expect(outbox.events).toEqual([]);
    expect(audit.entries).toEqual([]);
    expect((await request(ADMIN, SEKDA, BUPATI, 90)).active).toBe(true);
  });

  it('never lets an admin appoint itself, nor anyone who does not decide approval stages', async () => {
    const { request, appointments } = setUp();
    const fieldOf = async (work: Promise<unknown>) => {
      const refusal = (await refusalOf(work)).error;
      expect(refusal).toBeInstanceOf(InvalidInputError);
      return refusal.errors![0];
    };

    const refusals = [
      // The attack: an admin as acting Bupati would hold the last signature of every proposal.
      {
        acting: ADMIN_USER,
        actingFor: BUPATI,
        field: 'actingUsername',
        reason: 'an admin cannot appoint themself as acting official',
        code: RefusalCode.AppointingSelf,
      },
      // Whoever acts must decide stages themself: not BPKAD, who pays out.
      {
        acting: BPKAD,
        actingFor: BUPATI,
        field: 'actingUsername',
        reason: 'bpkad is a BPKAD: only an official who decides approval stages (LURAH, CAMAT, DINAS, SEKDA, BUPATI) may act for one',
        code: RefusalCode.NotADecidingOfficial,
      },
      // Nobody acts for an official who decides no stage, nor for themself.
      {
        acting: SEKDA,
        actingFor: BPKAD,
        field: 'forUsername',
        reason: 'bpkad is a BPKAD, not an official who decides approval stages',
        code: RefusalCode.NotADecidingOfficial,
      },
      {
        acting: SEKDA,
        actingFor: SEKDA,
        field: 'actingUsername',
        reason: 'an official cannot act for themself',
        code: RefusalCode.ActingForSelf,
      },
    ];
    for (const { acting, actingFor, field, reason, code } of refusals) {
      expect(await fieldOf(request(ADMIN, acting, actingFor))).toEqual({ field, reason, code });
    }
    expect(appointments.rows).toEqual([]);
  });

  it('does not say whether an official outside the admin’s kabupaten exists', async () => {
    const { request } = setUp();

    expect(await refusalOf(request(ADMIN, CAMAT_ELSEWHERE, SEKDA))).toEqual({
      error: expect.any(NotFoundError),
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: `No official camat.${SUKAJADI} in your region` },
    });
    expect((await refusalOf(request(ADMIN, SEKDA, CAMAT_ELSEWHERE))).error).toBeInstanceOf(NotFoundError);
  });

  it('is for admins only', async () => {
    const { request, appointments } = setUp();

    const refusal = (await refusalOf(request(BUPATI, SEKDA, BUPATI))).error;

    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(refusal.message).toBe('Only ADMIN may do this');
    expect(appointments.rows).toEqual([]);
  });
});
