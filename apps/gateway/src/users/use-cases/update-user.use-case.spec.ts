import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, UserSavedV1 } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { as, InMemoryTransactions, RecordingOutbox } from '@alur/testing';
import { SecurityAudit } from '../../audit/security-audit.service';
import { AccountStanding } from '../../auth/account-standing.service';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { BENGKALIS_ADMIN, instantHasher } from '../../testing/fakes';
import { InMemoryUserAccounts } from '../../testing/in-memory-repositories';
import { UpdateUserUseCase } from './update-user.use-case';

// The use case's rules against in-memory repositories; the row lock, the transaction and the tokens
// that stop working are the end-to-end tests' (test/security/token-standing.e2e-spec.ts).

const regions = RegionDirectory.shared();

function setUp() {
  const users = new InMemoryUserAccounts();
  const outbox = new RecordingOutbox();
  const audit = { record: jest.fn() };
  const standing = { forget: jest.fn() };
  const useCase = new UpdateUserUseCase(
    as<Transactions>(new InMemoryTransactions()),
    users,
    as<OutboxService>(outbox),
    regions,
    as<SecurityAudit>(audit),
    as<AccountStanding>(standing),
    as<PasswordHasher>(instantHasher),
  );
  const admin = users.given({ id: BENGKALIS_ADMIN.userId, username: 'admin', role: 'ADMIN', regionCode: '14.03' });
  const camat = users.given({ username: 'camat.14.03.09', role: 'CAMAT', regionCode: '14.03.09' });
  const elsewhere = users.given({ username: 'camat.14.01.02', role: 'CAMAT', regionCode: '14.01.02' });
  return { useCase, users, outbox, audit, standing, admin, camat, elsewhere };
}

describe('an administrator changing a user', () => {
  it('gives a user who forgot their password a new one, ending their tokens, and audits only that it was reset', async () => {
    const { useCase, users, audit, standing, camat } = setUp();
    const before = users.rows.find((u) => u.id === camat.id)!.tokenVersion;

    const view = await useCase.execute(BENGKALIS_ADMIN, camat.id, { password: 'sementara-2026-camat' });

    expect(view).not.toHaveProperty('passwordHash');
    const row = users.rows.find((u) => u.id === camat.id)!;
    expect(row).toMatchObject({ passwordHash: 'hash:sementara-2026-camat', tokenVersion: before + 1, role: 'CAMAT', active: true });
    expect(standing.forget).toHaveBeenCalledWith(camat.id);
    expect(audit.record).toHaveBeenCalledWith(
      expect.objectContaining({ action: 'user.updated', entityId: camat.id, after: expect.objectContaining({ passwordReset: true }) }),
      expect.anything(),
    );
    expect(JSON.stringify(audit.record.mock.calls)).not.toContain('sementara-2026-camat');
  });

  it('moves a user to another role and region of the kabupaten, announces and audits it, and forgets the old standing', async () => {
    const { useCase, users, outbox, audit, standing, camat } = setUp();

    const view = await useCase.execute(BENGKALIS_ADMIN, camat.id, { role: 'VERIFIKATOR', regionCode: '14.03' });

    expect(view).toMatchObject({ id: camat.id, role: 'VERIFIKATOR', regionCode: '14.03', active: true });
    expect(view.updatedAt).not.toBe(camat.updatedAt.toISOString());
    expect(users.rows.find((u) => u.id === camat.id)).toMatchObject({ role: 'VERIFIKATOR', regionCode: '14.03' });
    expect(outbox.events).toEqual([
      expect.objectContaining({
        type: UserSavedV1.type,
        aggregateId: camat.id,
        payload: expect.objectContaining({ role: 'VERIFIKATOR', regionCode: '14.03' }),
      }),
    ]);
    expect(audit.record).toHaveBeenCalledWith(
      {
        actor: BENGKALIS_ADMIN,
        action: 'user.updated',
        entityType: 'user_account',
        entityId: camat.id,
        before: { role: 'CAMAT', regionCode: '14.03.09', active: true },
        after: { role: 'VERIFIKATOR', regionCode: '14.03', active: true },
      },
      expect.anything(),
    );
    expect(standing.forget).toHaveBeenCalledWith(camat.id);
  });

  it('deactivates a user; a change that changes nothing keeps the time of the last change', async () => {
    const { useCase, camat } = setUp();

    const unchanged = await useCase.execute(BENGKALIS_ADMIN, camat.id, { role: 'CAMAT', active: true });
    expect(unchanged.updatedAt).toBe(camat.updatedAt.toISOString());
    const deactivated = await useCase.execute(BENGKALIS_ADMIN, camat.id, { active: false });
    expect(deactivated).toMatchObject({ active: false });
    expect(deactivated.updatedAt).not.toBe(camat.updatedAt.toISOString());
  });

  it('answers 404 for a user of another kabupaten as for one that does not exist, and changes nothing', async () => {
    const { useCase, users, audit, elsewhere } = setUp();

    for (const id of [elsewhere.id, '00000000-0000-4000-8000-000000000000']) {
      const changing = useCase.execute(BENGKALIS_ADMIN, id, { active: false });
      await expect(changing).rejects.toBeInstanceOf(NotFoundError);
      await expect(changing).rejects.toThrow(`User ${id} not found`);
    }
    expect(users.rows.find((u) => u.id === elsewhere.id)?.active).toBe(true);
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('keeps an administrator from deactivating or demoting their own account (409 own_account)', async () => {
    const { useCase, admin } = setUp();

    for (const change of [{ active: false }, { role: 'DINAS' as const }]) {
      const refusal = await useCase.execute(BENGKALIS_ADMIN, admin.id, change).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ConflictError);
      expect(refusal).toMatchObject({ code: 'own_account', message: 'An administrator cannot deactivate or demote their own account' });
    }
    // Naming the role they hold already is no demotion.
    await expect(useCase.execute(BENGKALIS_ADMIN, admin.id, { role: 'ADMIN' })).resolves.toMatchObject({ role: 'ADMIN', active: true });
  });

  it('refuses a role that does not fit the region the user keeps, naming regionCode (400)', async () => {
    const { useCase, camat } = setUp();

    const refusal = await useCase.execute(BENGKALIS_ADMIN, camat.id, { role: 'LURAH' }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(InvalidInputError);
    expect((refusal as InvalidInputError).errors).toEqual([
      { field: 'regionCode', reason: 'a LURAH acts on a kelurahan/desa, but 14.03.09 is a kecamatan', code: 'region_not_for_role' },
    ]);
  });

  it('refuses to move a user out of the kabupaten (403)', async () => {
    const { useCase, users, camat } = setUp();

    const moving = useCase.execute(BENGKALIS_ADMIN, camat.id, { regionCode: '14.01.02' });

    await expect(moving).rejects.toBeInstanceOf(ForbiddenError);
    await expect(moving).rejects.toThrow('You may place users only within region 14.03');
    expect(users.rows.find((u) => u.id === camat.id)?.regionCode).toBe('14.03.09');
  });
});
