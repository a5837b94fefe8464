import { ConflictError, CreateUserRequest, ForbiddenError, InvalidInputError, UserSavedV1 } from '@alur/contracts';
import { Transactions } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { as, InMemoryTransactions, RecordingOutbox } from '@alur/testing';
import { SecurityAudit } from '../../audit/security-audit.service';
import { PasswordHasher } from '../../auth/password-hasher.service';
import { BENGKALIS_ADMIN, instantHasher } from '../../testing/fakes';
import { InMemoryUserAccounts } from '../../testing/in-memory-repositories';
import { CreateUserUseCase } from './create-user.use-case';

// The use case's rules against in-memory repositories: no database, so a broken rule fails in milliseconds.
// The unique key, the transaction and the HTTP answers are the end-to-end tests' (test/gateway/auth.e2e-spec.ts).

const regions = RegionDirectory.shared();

function setUp() {
  const users = new InMemoryUserAccounts();
  const outbox = new RecordingOutbox();
  const audit = { record: jest.fn() };
  const useCase = new CreateUserUseCase(
    as<Transactions>(new InMemoryTransactions()),
    users,
    as<OutboxService>(outbox),
    regions,
    as<PasswordHasher>(instantHasher),
    as<SecurityAudit>(audit),
  );
  return { useCase, users, outbox, audit };
}

const camatMandau: CreateUserRequest = {
  username: 'camat.baru',
  password: 'rahasia-sekali-123',
  role: 'CAMAT',
  regionCode: '14.03.09',
  displayName: 'Camat Mandau',
  language: 'id',
};

describe('an administrator adding a user', () => {
  it('adds a user whose region fits the role within their kabupaten, announces and audits it, and never shows the hash', async () => {
    const { useCase, users, outbox, audit } = setUp();

    const view = await useCase.execute(BENGKALIS_ADMIN, { ...camatMandau, email: 'camat@example.go.id' });

    expect(view).toMatchObject({
      username: 'camat.baru',
      role: 'CAMAT',
      regionCode: '14.03.09',
      displayName: 'Camat Mandau',
      email: 'camat@example.go.id',
      phone: null,
      active: true,
    });
    expect(view).not.toHaveProperty('passwordHash');
    expect(users.rows).toEqual([expect.objectContaining({ id: view.id, passwordHash: 'hash:rahasia-sekali-123' })]);
    expect(outbox.events).toEqual([
      expect.objectContaining({
        type: UserSavedV1.type,
        aggregateId: view.id,
        payload: expect.objectContaining({ userId: view.id, username: 'camat.baru', role: 'CAMAT', active: true }),
      }),
    ]);
    expect(audit.record).toHaveBeenCalledWith(
      {
        actor: BENGKALIS_ADMIN,
        action: 'user.created',
        entityType: 'user_account',
        entityId: view.id,
        after: { username: 'camat.baru', role: 'CAMAT', regionCode: '14.03.09', active: true },
      },
      expect.anything(),
    );
  });

  it('refuses a region outside their own kabupaten (403), even one that fits the role', async () => {
    const { useCase, users, audit } = setUp();

    const adding = useCase.execute(BENGKALIS_ADMIN, { ...camatMandau, regionCode: '14.01.02' });

    await expect(adding).rejects.toBeInstanceOf(ForbiddenError);
    await expect(adding).rejects.toThrow('You may add users only within region 14.03');
    expect(users.rows).toEqual([]);
    expect(audit.record).not.toHaveBeenCalled();
  });

  it('refuses a region that does not fit the role, naming regionCode (400), before looking at whose region it is', async () => {
    const { useCase, users } = setUp();

    for (const [role, regionCode, reason] of [
      ['CAMAT', '14.03.09.1004', 'a CAMAT acts on a kecamatan, but 14.03.09.1004 is a kelurahan/desa'],
      ['BKM', '14.03.09', 'a BKM acts on a kelurahan/desa, but 14.03.09 is a kecamatan'],
      ['BKM', '14.01.01', 'a BKM acts on a kelurahan/desa, but 14.01.01 is a kecamatan'],
      ['LURAH', '14.03.09.9999', '14.03.09.9999 is not a known region code'],
    ] as const) {
      const refusal = await useCase.execute(BENGKALIS_ADMIN, { ...camatMandau, role, regionCode }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(InvalidInputError);
      expect((refusal as InvalidInputError).errors).toEqual([{ field: 'regionCode', reason, code: 'region_not_for_role' }]);
    }
    expect(users.rows).toEqual([]);
  });

  it('refuses a username that is taken (409), changing, announcing and auditing nothing', async () => {
    const { useCase, users, outbox, audit } = setUp();
    const existing = users.given({ username: 'camat.baru', role: 'BKM', regionCode: '14.03.09.1004' });

    const adding = useCase.execute(BENGKALIS_ADMIN, camatMandau);

    await expect(adding).rejects.toBeInstanceOf(ConflictError);
    await expect(adding).rejects.toThrow('Username camat.baru is taken');
    expect(users.rows).toEqual([existing]);
    expect(outbox.events).toEqual([]);
    expect(audit.record).not.toHaveBeenCalled();
  });
});
