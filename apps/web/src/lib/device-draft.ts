import { useCallback, useEffect, useRef } from 'react';

const PREFIX = 'alur.draft.';

/**
 * What a person is writing, kept on this device until it is sent: it survives a reload, an expired
 * token and a dropped connection. One entry per user and form; removed once the server has it.
 */
export const deviceDrafts = {
  read<T>(key: string): T | undefined {
    try {
      const text = localStorage.getItem(PREFIX + key);
      return text ? (JSON.parse(text) as T) : undefined;
    } catch {
      return undefined;
    }
  },
  write(key: string, value: unknown): void {
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(value));
    } catch {
      // A full storage must not stop the person typing; the draft is then only in the page.
    }
  },
  remove(key: string): void {
    localStorage.removeItem(PREFIX + key);
  },
};

/**
 * Keeps `value` under `key` whenever it changes, once `enabled` (after the form has its first content,
 * so an empty form never overwrites a kept draft). Returns a function that forgets the kept draft.
 */
export function useDeviceDraft(key: string | undefined, value: unknown, enabled: boolean): () => void {
  const forgotten = useRef(false);
  useEffect(() => {
    if (key && enabled && !forgotten.current) deviceDrafts.write(key, value);
  }, [key, value, enabled]);
  return useCallback(() => {
    forgotten.current = true;
    if (key) deviceDrafts.remove(key);
  }, [key]);
}
