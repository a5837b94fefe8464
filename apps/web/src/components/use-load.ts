import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Loads data for a page, again whenever `deps` change or `reload()` is called; stale answers are dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round]);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/**
 * While `waiting`, loads again (`reload`) `everyMs` after each answer (`loaded`), at most `tries` times: for a page
 * showing what another service learns moments after an act, as the proposal's status after an official's decision.
 */
export function useReloadWhile(waiting: boolean, reload: () => void, loaded: unknown, { everyMs = 500, tries = 20 } = {}): void {
  const spent = useRef(0);
  useEffect(() => {
    if (!waiting) {
      spent.current = 0;
      return;
    }
    if (spent.current >= tries) return;
    const timer = setTimeout(() => {
      spent.current += 1;
      reload();
    }, everyMs);
    return () => clearTimeout(timer);
  }, [waiting, reload, loaded, everyMs, tries]);
}
