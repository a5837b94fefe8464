import { FormEvent, useCallback, useState } from 'react';
import { api } from '../../api/api-client';
import { pageCountOf } from '../../components/address-pager';
import {
  type CreateUserRequestInput,
  type ListUsersRequest,
  ROLE_REGION_LEVELS,
  type Role,
  type UpdateUserRequest,
  type UserList,
  type UserView as UserAccount,
} from '@alur/contracts';
import { useSession } from '../../auth/session';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorSummary, reasonOf } from '../../components/error-summary';
import { Field } from '../../components/field';
import { RegionPicker } from '../../components/region-picker';
import { useLoad } from '../../components/use-load';
import { useAdminTexts } from '../../i18n/admin-messages';
import { useI18n } from '../../i18n/i18n';
import { adminError } from './admin-error';
import { AdminPager } from './admin-pager';
import { ALL_ROLES } from './admin-roles';
import { useActionKeys } from '../../lib/action-key';
import { regencyCodeOf } from '../../lib/region-code';

const PAGE_SIZE = 25;
const EMPTY = { username: '', password: '', displayName: '', role: 'BKM' as Role, regionCode: '', email: '', phone: '' };

/** ADMIN: the users of their region; add one, change a role or region, deactivate or activate again. */
export function AdminUsersPage() {
  const { t } = useI18n();
  const a = useAdminTexts();
  const { user: admin } = useSession();
  // An administrator's region is their kabupaten (`14.03`): the regions they place users in lie within it.
  const regencyCode = admin ? regencyCodeOf(admin.regionCode) : '';
  const [roleFilter, setRoleFilter] = useState<Role | ''>('');
  const [query, setQuery] = useState('');
  const [searchText, setSearchText] = useState('');
  const [page, setPage] = useState(1);
  const users = useLoad(
    () =>
      api<UserList>('GET', '/users', {
        query: {
          role: roleFilter || undefined,
          q: query || undefined,
          page,
          pageSize: PAGE_SIZE,
        } satisfies Partial<ListUsersRequest>,
      }),
    [roleFilter, query, page],
  );
  const pages = pageCountOf(users.data);
  const showOnly = (text: string) => {
    setSearchText(text);
    setQuery(text);
    setPage(1);
  };
  const [form, setForm] = useState(EMPTY);
  const [formError, setFormError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string>();
  const [toDeactivate, setToDeactivate] = useState<UserAccount>();
  const [editing, setEditing] = useState<{ user: UserAccount; role: Role; regionCode: string; password: string }>();
  const [rowError, setRowError] = useState<unknown>();
  const keys = useActionKeys();
  const words = { conflict: a.usernameTaken, byCode: { own_account: a.ownAccount } };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFormError(undefined);
    setNotice(undefined);
    try {
      const body: CreateUserRequestInput = { ...form, email: form.email || undefined, phone: form.phone || undefined };
      const created = await keys.send<UserAccount>('POST', '/users', body);
      setForm(EMPTY);
      setNotice(a.userCreated(created.username));
      // The new account is shown at once, whichever page it would fall on.
      setRoleFilter('');
      showOnly(created.username);
      users.reload();
    } catch (error) {
      setFormError(adminError(error, words));
    } finally {
      setBusy(false);
    }
  };

  const update = async (user: UserAccount, change: UpdateUserRequest) => {
    setBusy(true);
    setRowError(undefined);
    setNotice(undefined);
    try {
      await keys.send<UserAccount>('PATCH', `/users/${user.id}`, change);
      setNotice(change.password ? a.passwordReset(user.username) : a.userUpdated(user.username));
      setEditing(undefined);
      users.reload();
    } catch (error) {
      setRowError(adminError(error, { byCode: words.byCode }));
    } finally {
      setBusy(false);
      setToDeactivate(undefined);
    }
  };

  const set = (name: keyof typeof EMPTY) => (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value });
  const setRegion = useCallback((regionCode: string) => setForm((before) => ({ ...before, regionCode })), []);
  const setEditedRegion = useCallback(
    (regionCode: string) => setEditing((before) => before && (before.regionCode === regionCode ? before : { ...before, regionCode })),
    [],
  );
  const labels = {
    username: a.username,
    password: a.password,
    displayName: a.displayName,
    role: a.role,
    regionCode: a.region,
    email: a.email,
    phone: a.phone,
  };

  return (
    <section>
      <h1>{a.usersTitle}</h1>
      <p className="lead">{a.usersIntro}</p>
      {notice && (
        <p role="status" className="notice ok">
          {notice}
        </p>
      )}
      <ErrorSummary error={rowError} fieldLabels={{ password: a.resetPassword }} />
      <form
        className="card search-form"
        role="search"
        aria-label={a.searchUsers}
        onSubmit={(event) => {
          event.preventDefault();
          showOnly(searchText.trim());
        }}
      >
        <div className="field">
          <label htmlFor="user-q">{a.searchUsers}</label>
          <input id="user-q" type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="role-filter">{a.filterRole}</label>
          <select
            id="role-filter"
            value={roleFilter}
            onChange={(e) => {
              setRoleFilter(e.target.value as Role | '');
              setPage(1);
            }}
          >
            <option value="">{a.allRoles}</option>
            {ALL_ROLES.map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="button secondary">
            {a.search}
          </button>
        </div>
      </form>
      <ErrorSummary error={users.error} />
      {users.loading && !users.data && <p aria-live="polite">{t.loading}</p>}
      {users.data && (
        <div className="table-scroll card">
          <table className="stack-table" data-testid="users">
            <caption className="muted">
              {users.data.total} {a.usersTitle.toLowerCase()}
            </caption>
            <thead>
              <tr>
                <th scope="col">{a.username}</th>
                <th scope="col">{a.displayName}</th>
                <th scope="col">{a.role}</th>
                <th scope="col">{a.region}</th>
                <th scope="col">{a.state}</th>
                <th scope="col">{a.actions}</th>
              </tr>
            </thead>
            <tbody>
              {users.data.items.map((user) => (
                <tr key={user.id} data-testid="user-row" data-username={user.username}>
                  <td data-label={a.username}>{user.username}</td>
                  <td data-label={a.displayName}>{user.displayName}</td>
                  <td data-label={a.role}>{t.roles[user.role]}</td>
                  <td data-label={a.region}>
                    {user.regionName} <span className="muted">{user.regionCode}</span>
                  </td>
                  <td data-label={a.state}>
                    <span className={`badge ${user.active ? 'badge-ok' : 'badge-neutral'}`}>{user.active ? a.active : a.inactive}</span>
                  </td>
                  <td data-label={a.actions}>
                    {editing?.user.id === user.id ? (
                      <form
                        className="inline-form"
                        aria-label={`${a.change}: ${user.username}`}
                        onSubmit={(event) => {
                          event.preventDefault();
                          void update(user, {
                            role: editing.role,
                            regionCode: editing.regionCode,
                            password: editing.password || undefined,
                          });
                        }}
                      >
                        <label htmlFor={`role-${user.id}`}>{a.role}</label>
                        <select
                          id={`role-${user.id}`}
                          value={editing.role}
                          onChange={(e) => setEditing({ ...editing, role: e.target.value as Role })}
                        >
                          {ALL_ROLES.map((role) => (
                            <option key={role} value={role}>
                              {t.roles[role]}
                            </option>
                          ))}
                        </select>
                        <RegionPicker
                          id={`region-${user.id}`}
                          label={a.region}
                          regencyCode={regencyCode}
                          levels={ROLE_REGION_LEVELS[editing.role]}
                          value={editing.regionCode}
                          onChange={setEditedRegion}
                        />
                        <label htmlFor={`password-${user.id}`}>{a.resetPassword}</label>
                        <input
                          id={`password-${user.id}`}
                          type="password"
                          autoComplete="new-password"
                          value={editing.password}
                          onChange={(e) => setEditing({ ...editing, password: e.target.value })}
                        />
                        <button type="submit" className="button primary" disabled={busy}>
                          {a.saveChange}
                        </button>
                        <button type="button" className="button secondary" onClick={() => setEditing(undefined)}>
                          {t.cancel}
                        </button>
                      </form>
                    ) : (
                      <div className="actions">
                        <button
                          type="button"
                          className="button secondary"
                          onClick={() => setEditing({ user, role: user.role, regionCode: user.regionCode, password: '' })}
                        >
                          {a.change}
                        </button>
                        {user.active ? (
                          <button
                            type="button"
                            className="button danger"
                            onClick={() => setToDeactivate(user)}
                            aria-label={`${a.deactivate} ${user.username}`}
                          >
                            {a.deactivate}
                          </button>
                        ) : (
                          <button
                            type="button"
                            className="button secondary"
                            onClick={() => void update(user, { active: true })}
                            aria-label={`${a.activate} ${user.username}`}
                          >
                            {a.activate}
                          </button>
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AdminPager page={page} pages={pages} onPage={setPage} />
      <ConfirmDialog
        open={toDeactivate !== undefined}
        title={toDeactivate ? a.deactivateQuestion(toDeactivate.username) : ''}
        confirmLabel={a.deactivate}
        busy={busy}
        onConfirm={() => toDeactivate && void update(toDeactivate, { active: false })}
        onCancel={() => setToDeactivate(undefined)}
      >
        <p>{a.deactivateWarning}</p>
      </ConfirmDialog>

      <form className="card" onSubmit={create} aria-labelledby="add-user" noValidate>
        <h2 id="add-user">{a.addUser}</h2>
        <ErrorSummary error={formError} fieldLabels={labels} />
        <Field id="username" label={a.username} hint={a.usernameHint} error={reasonOf(formError, 'username')}>
          <input value={form.username} onChange={set('username')} autoComplete="off" required />
        </Field>
        <Field id="displayName" label={a.displayName} error={reasonOf(formError, 'displayName')}>
          <input value={form.displayName} onChange={set('displayName')} required />
        </Field>
        <Field id="role" label={a.role} error={reasonOf(formError, 'role')}>
          <select value={form.role} onChange={set('role')}>
            {ALL_ROLES.map((role) => (
              <option key={role} value={role}>
                {t.roles[role]}
              </option>
            ))}
          </select>
        </Field>
        <RegionPicker
          id="regionCode"
          label={a.region}
          regencyCode={regencyCode}
          levels={ROLE_REGION_LEVELS[form.role]}
          value={form.regionCode}
          onChange={setRegion}
          error={reasonOf(formError, 'regionCode')}
        />
        <Field id="password" label={a.password} hint={a.passwordHint} error={reasonOf(formError, 'password')}>
          <input type="password" value={form.password} onChange={set('password')} autoComplete="new-password" required />
        </Field>
        <Field id="email" label={`${a.email} ${a.optional}`} error={reasonOf(formError, 'email')}>
          <input type="email" value={form.email} onChange={set('email')} />
        </Field>
        <Field id="phone" label={`${a.phone} ${a.optional}`} error={reasonOf(formError, 'phone')}>
          <input type="tel" value={form.phone} onChange={set('phone')} />
        </Field>
        <div className="actions">
          <button type="submit" className="button primary" disabled={busy}>
            {a.addUser}
          </button>
        </div>
      </form>
    </section>
  );
}
