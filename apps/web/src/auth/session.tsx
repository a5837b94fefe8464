import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setUnauthorizedHandler, tokenStore } from '../api/api-client';
import { ROLES } from '@alur/contracts';
import type { ChangePasswordRequest, LoginRequest, LoginResult, Role, UserView as User } from '@alur/contracts';

interface Session {
  user: User | null;
  /** True until a token kept from before (without its user) has been checked with GET /me. */
  checking: boolean;
  login(username: string, password: string): Promise<User>;
  /** Replaces the user's password; this device goes on with the new token the answer carries, every other session ends. */
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
  /** Ends the session here and, on the server, every token of the user. */
  logout(): void;
}

const SessionContext = createContext<Session | null>(null);

const USER_KEY = 'alur.user';

/** The logged-in user kept beside the token: a page opened with a kept session shows at once, not after GET /me. */
const userStore = {
  get(): User | null {
    if (!tokenStore.get()) return null;
    try {
      return JSON.parse(localStorage.getItem(USER_KEY) ?? 'null') as User | null;
    } catch {
      return null;
    }
  },
  set: (user: User) => localStorage.setItem(USER_KEY, JSON.stringify(user)),
  clear: () => localStorage.removeItem(USER_KEY),
};

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(userStore.get);
  const [checking, setChecking] = useState(() => tokenStore.get() !== null && userStore.get() === null);
  const forget = useCallback(() => {
    tokenStore.clear();
    userStore.clear();
    setUser(null);
  }, []);

  // The kept token is checked in the background. A refused one (401) ends the session through the
  // unauthorized handler; no answer at all (offline) keeps it, so a dropped connection logs nobody out.
  const check = useCallback(() => {
    if (!tokenStore.get()) return;
    api<User>('GET', '/me')
      .then((me) => {
        userStore.set(me);
        setUser(me);
      })
      .catch(() => undefined)
      .finally(() => setChecking(false));
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(forget);
    check();
    // Logging in or out in another tab does the same here.
    const onStorage = (event: StorageEvent) => {
      if (event.key !== tokenStore.key) return;
      if (event.newValue) check();
      else setUser(null);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [forget, check]);

  /** A session begins (or goes on) with the token and user a login answered. */
  const begin = useCallback((result: LoginResult) => {
    tokenStore.set(result.accessToken);
    userStore.set(result.user);
    setUser(result.user);
    return result.user;
  }, []);

  const value = useMemo<Session>(
    () => ({
      user,
      checking,
      async login(username, password) {
        return begin(await api<LoginResult>('POST', '/auth/login', { body: { username, password } satisfies LoginRequest }));
      },
      async changePassword(currentPassword, newPassword) {
        const body = { currentPassword, newPassword } satisfies ChangePasswordRequest;
        begin(await api<LoginResult>('PUT', '/auth/password', { body }));
      },
      logout() {
        // Best effort: the session ends here whatever the server answers.
        void api('POST', '/auth/logout').catch(() => undefined);
        forget();
      },
    }),
    [user, checking, forget, begin],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The page each role lands on after logging in. */
export function homeOf(user: User): string {
  switch (user.role) {
    case 'BKM':
      return '/usulan';
    case 'BPKAD':
      return '/pencairan';
    case 'ADMIN':
    case 'INSPEKTORAT':
      return '/dasbor';
    case 'VERIFIKATOR':
      return '/verifikasi';
    default:
      return '/kotak-masuk';
  }
}

/**
 * Who finds the proposals of their region in a list they can search and filter (Daftar usulan): every role
 * but the BKM, whose own proposals are its list (Usulan saya). The API answers each within their region.
 */
export const PROPOSAL_LIST_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'BKM');
