import { AuditTrail } from '@alur/audit';
import { BaseEnv } from '@alur/config';
import { Actor, AddHoliday, ConflictError, ForbiddenError, ListHolidays, NotFoundError, RemoveHoliday } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { as, InMemoryTransactions, RecordingAuditTrail, refusalOf } from '@alur/testing';
import { NATIONAL_HOLIDAYS_2026 } from '../../database/migrations/create-approvals-tables.migration';
import { InMemoryHolidays } from '../../testing/in-memory-repositories';
import { WorkingCalendar } from '../working-calendar.service';
import { AddHolidayUseCase } from './add-holiday.use-case';
import { ListHolidaysUseCase } from './list-holidays.use-case';
import { RemoveHolidayUseCase } from './remove-holiday.use-case';

// Adding and removing a holiday against an in-memory holiday table: no database, so a broken rule fails in milliseconds.
// Through the gateway it is test/approvals/approval-chain.e2e-spec.ts's.

const ADMIN: Actor = { userId: 'u-admin', username: 'admin', role: 'ADMIN', regionCode: '14.03' };
const LURAH: Actor = { userId: 'u-lurah', username: 'lurah.14.03.09.1004', role: 'LURAH', regionCode: '14.03.09.1004' };
const CUTI_BERSAMA = { date: '2026-03-20', name: 'Cuti bersama Idul Fitri 1447 H' };

async function setUp() {
  // The holidays the service ships with (Nyepi on Thursday 19 March 2026, Idul Fitri on the weekend after).
  const holidays = new InMemoryHolidays(NATIONAL_HOLIDAYS_2026.map(([date, name]) => ({ date, name })));
  const audit = new RecordingAuditTrail();
  const transactions = as<Transactions>(new InMemoryTransactions());
  const calendar = new WorkingCalendar(as<BaseEnv>({ APPROVALS_WORKING_DAY_SECONDS: 0, TIMEZONE: 'Asia/Jakarta' }), transactions, holidays);
  await calendar.onModuleInit();
  const add = new AddHolidayUseCase(transactions, holidays, calendar, as<AuditTrail>(audit));
  const remove = new RemoveHolidayUseCase(transactions, holidays, calendar, as<AuditTrail>(audit));
  const list = new ListHolidaysUseCase(transactions, holidays);
  return {
    /** Through the request's contract, as the service reads it. */
    add: (actor: Actor, command: unknown) => add.execute(actor, AddHoliday.request.parse(command)),
    remove: (actor: Actor, command: unknown) => remove.execute(actor, RemoveHoliday.request.parse(command)),
    listed: async (year: number) => ListHolidays.answer.parse(await list.execute(ListHolidays.request.parse({ year }))),
    calendar,
    holidays,
    audit,
  };
}

/** A stage opened on Wednesday 18 March 2026 at 10:00 in Bengkalis (WIB), due one working day later. */
const OPENED = new Date('2026-03-18T10:00:00+07:00');

describe('adding a holiday to the working calendar', () => {
  it('adds the day: it is listed, and deadlines counted from then on skip it', async () => {
    const { add, listed, calendar, audit } = await setUp();
    // Thursday is Nyepi: one working day from Wednesday is Friday.
    expect(calendar.clock.addWorkingDays(OPENED, 1)).toEqual(new Date('2026-03-20T10:00:00+07:00'));

    const added = await add(ADMIN, CUTI_BERSAMA);

    expect(added).toEqual(CUTI_BERSAMA);
    const march = (await listed(2026)).filter((holiday) => holiday.date.startsWith('2026-03'));
    expect(march).toEqual([
      { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)' },
      CUTI_BERSAMA,
      { date: '2026-03-21', name: 'Idul Fitri 1447 Hijriah' },
      { date: '2026-03-22', name: 'Idul Fitri 1447 Hijriah' },
    ]);
    // Friday is now off too, and the weekend follows: the stage is due on Monday.
    expect(calendar.clock.addWorkingDays(OPENED, 1)).toEqual(new Date('2026-03-23T10:00:00+07:00'));
    expect(audit.entries).toEqual([
      {
        actor: ADMIN,
        action: 'working-calendar.holiday-added',
        entityType: 'working-calendar-holiday',
        entityId: '2026-03-20',
        after: CUTI_BERSAMA,
      },
    ]);
  });

  it('refuses a day that is a holiday already, with a conflict, and keeps the first', async () => {
    const { add, listed, audit } = await setUp();
    await add(ADMIN, CUTI_BERSAMA);

    const again = await refusalOf(add(ADMIN, { date: '2026-03-20', name: 'Another name' }));

    expect(again.error).toBeInstanceOf(ConflictError);
    expect(again).toEqual({
      error: again.error,
      status: 409,
      body: { statusCode: 409, error: 'Conflict', message: '2026-03-20 is already a holiday' },
    });
    expect((await listed(2026)).filter((holiday) => holiday.date === '2026-03-20')).toEqual([CUTI_BERSAMA]);
    expect(audit.entries).toHaveLength(1);
  });

  it('is for admins only: an official is refused and the calendar stays as it was', async () => {
    const { add, listed, calendar } = await setUp();

    const refusal = (await refusalOf(add(LURAH, CUTI_BERSAMA))).error;

    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(refusal.message).toBe('Only ADMIN may do this');
    expect(await listed(2026)).toHaveLength(NATIONAL_HOLIDAYS_2026.length);
    expect(calendar.clock.addWorkingDays(OPENED, 1)).toEqual(new Date('2026-03-20T10:00:00+07:00'));
  });
});

describe('removing a holiday from the working calendar', () => {
  it('removes the day: it is no longer listed, deadlines counted from then on count it, and the removal is audited', async () => {
    const { add, remove, listed, calendar, audit } = await setUp();
    await add(ADMIN, CUTI_BERSAMA);
    expect(calendar.clock.addWorkingDays(OPENED, 1)).toEqual(new Date('2026-03-23T10:00:00+07:00'));

    const removed = await remove(ADMIN, { date: '2026-03-20' });

    expect(removed).toEqual(CUTI_BERSAMA);
    expect((await listed(2026)).map((holiday) => holiday.date)).not.toContain('2026-03-20');
    // Friday is a working day again: one working day from Wednesday (Thursday being Nyepi) is Friday.
    expect(calendar.clock.addWorkingDays(OPENED, 1)).toEqual(new Date('2026-03-20T10:00:00+07:00'));
    expect(audit.entries.at(-1)).toEqual({
      actor: ADMIN,
      action: 'working-calendar.holiday-removed',
      entityType: 'working-calendar-holiday',
      entityId: '2026-03-20',
      before: CUTI_BERSAMA,
    });
  });

  it('removes a holiday the service shipped with too (a national holiday the government moved)', async () => {
    const { remove, listed, calendar } = await setUp();

    expect(await remove(ADMIN, { date: '2026-03-19' })).toEqual({ date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)' });

    expect(await listed(2026)).toHaveLength(NATIONAL_HOLIDAYS_2026.length - 1);
    expect(calendar.clock.addWorkingDays(OPENED, 1)).toEqual(new Date('2026-03-19T10:00:00+07:00'));
  });

  it('answers a day that is not a holiday with not found, and changes nothing', async () => {
    const { remove, listed, audit } = await setUp();

    const refusal = await refusalOf(remove(ADMIN, { date: '2026-03-18' }));

    expect(refusal.error).toBeInstanceOf(NotFoundError);
    expect(refusal).toEqual({
      error: refusal.error,
      status: 404,
      body: { statusCode: 404, error: 'Not Found', message: '2026-03-18 is not a holiday' },
    });
    expect(await listed(2026)).toHaveLength(NATIONAL_HOLIDAYS_2026.length);
    expect(audit.entries).toEqual([]);
  });

  it('is for admins only: an official is refused and the holiday stays', async () => {
    const { remove, listed, calendar } = await setUp();

    const refusal = (await refusalOf(remove(LURAH, { date: '2026-03-19' }))).error;

    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(await listed(2026)).toHaveLength(NATIONAL_HOLIDAYS_2026.length);
    expect(calendar.clock.addWorkingDays(OPENED, 1)).toEqual(new Date('2026-03-20T10:00:00+07:00'));
  });
});
