import { useEffect, useState } from 'react';
import type { ListUsersRequest, UserList } from '@alur/contracts';
import { api } from '../../api/api-client';
import { useI18n } from '../../i18n/i18n';

/** Enough letters to mean someone, and a pause in the typing before asking: not a request per key. */
const MIN_LETTERS = 2;
const PAUSE_MS = 250;

/**
 * The users an administrator may mean by what they typed in a username field (part of a username or a
 * display name: "sekretaris" offers sekda), as a datalist the field names with `list={id}`. Only
 * suggestions: the field still takes any username, and the API says whether it exists.
 */
export function UserSuggestions({ id, text }: { id: string; text: string }) {
  const { t } = useI18n();
  const [users, setUsers] = useState<UserList['items']>([]);
  const wanted = text.trim();
  useEffect(() => {
    if (wanted.length < MIN_LETTERS) return;
    let current = true;
    const timer = setTimeout(() => {
      api<UserList>('GET', '/users', { query: { q: wanted, pageSize: 8 } satisfies Partial<ListUsersRequest> }).then(
        (list) => current && setUsers(list.items.filter((user) => user.active)),
        () => current && setUsers([]),
      );
    }, PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [wanted]);
  return (
    <datalist id={id}>
      {(wanted.length < MIN_LETTERS ? [] : users).map((user) => (
        <option key={user.id} value={user.username}>
          {`${user.displayName} · ${t.roles[user.role]}`}
        </option>
      ))}
    </datalist>
  );
}
