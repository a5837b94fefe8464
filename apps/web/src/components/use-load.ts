import { DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import { DEFAULT_RELOAD_PACE, ReloadPace, reloadDelayMs } from '../lib/reload-pace';

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
 * While `waiting`, loads again (`reload`) after each answer (`loaded`): every half second at first, then every few
 * seconds (reloadDelayMs), for a page showing what another service learns moments after an act, as the proposal's
 * status after an official's decision. It does not give up: a page left showing the state before the act would
 * say the act had not happened.
 */
export function useReloadWhile(waiting: boolean, reload: () => void, loaded: unknown, pace: ReloadPace = DEFAULT_RELOAD_PACE): void {
  const spent = useRef(0);
  useEffect(() => {
    if (!waiting) {
      spent.current = 0;
      return;
    }
    const timer = setTimeout(
      () => {
        spent.current += 1;
        reload();
      },
      reloadDelayMs(spent.current, pace),
    );
    return () => clearTimeout(timer);
  }, [waiting, reload, loaded, pace]);
}
