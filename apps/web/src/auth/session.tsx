import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setUnauthorizedHandler, tokenStore } from '../api/api-client';
import { LoginResult, User } from '../api/types';

interface Session {
  user: User | null;
  /** True until a token kept from before has been checked with GET /me. */
  checking: boolean;
  login(username: string, password: string): Promise<User>;
  logout(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(() => tokenStore.get() !== null);
  const logout = useCallback(() => {
    tokenStore.clear();
    setUser(null);
  }, []);

  const check = useCallback(() => {
    if (!tokenStore.get()) return;
    setChecking(true);
    api<User>('GET', '/me')
      .then(setUser)
      .catch(logout)
      .finally(() => setChecking(false));
  }, [logout]);

  useEffect(() => {
    setUnauthorizedHandler(logout);
    check();
    // Logging in or out in another tab does the same here.
    const onStorage = (event: StorageEvent) => {
      if (event.key !== tokenStore.key) return;
      if (event.newValue) check();
      else setUser(null);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [logout, check]);

  const value = useMemo<Session>(
    () => ({
      user,
      checking,
      async login(username, password) {
        const result = await api<LoginResult>('POST', '/auth/login', { body: { username, password } });
        tokenStore.set(result.accessToken);
        setUser(result.user);
        return result.user;
      },
      logout,
    }),
    [user, checking, logout],
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
      return '/dasbor';
    default:
      return '/kotak-masuk';
  }
}

export const OFFICIAL_ROLES = ['LURAH', 'CAMAT', 'DINAS', 'SEKDA', 'BUPATI'] as const;
export const DASHBOARD_ROLES = ['DINAS', 'SEKDA', 'BUPATI', 'BPKAD', 'ADMIN'] as const;
