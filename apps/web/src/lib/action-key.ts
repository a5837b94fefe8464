import { useState } from 'react';
import { api, newIdempotencyKey } from '../api/api-client';

/** JSON with object keys sorted, so that the same content gives the same text whatever order it was built in. */
export function fingerprintOf(content: unknown): string {
  return JSON.stringify(content, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

/** How many contents' keys a form remembers (a person going back and forth between a few versions). */
const REMEMBERED = 20;

/**
 * The Idempotency-Key of a person's action, kept across their clicks. `api()` keeps one key across its
 * own retries, but once it gives up the person may click again: that is the same action while the
 * content is the same, so it goes with the same key, and the gateway answers with the first answer
 * if the first attempt was carried out after all (a dropped answer) instead of doing it twice. Every
 * request of one action (save, then submit) goes with its key: the gateway keeps a key per operation.
 *
 * Other content is another action (a new key: the same key with other content is refused with 422);
 * coming back to content tried before takes that content's key again. Once an action succeeded, the
 * same content is a new action (`succeeded`).
 */
export class ActionKeys {
  private readonly keys = new Map<string, string>();

  constructor(private readonly freshKey: () => string = newIdempotencyKey) {}

  /** The key for doing `content` now: the one it was tried with before, unless that succeeded. */
  keyFor(content: unknown): string {
    const fingerprint = fingerprintOf(content);
    let key = this.keys.get(fingerprint);
    if (key === undefined) {
      key = this.freshKey();
      if (this.keys.size >= REMEMBERED) this.keys.delete(this.keys.keys().next().value!);
    } else {
      this.keys.delete(fingerprint);
    }
    // Most recently tried last, so the oldest is forgotten first.
    this.keys.set(fingerprint, key);
    return key;
  }

  /** `content` was done (all of it, without it every key): doing it again is a new action, with a new key. */
  succeeded(content?: unknown): void {
    if (content === undefined) this.keys.clear();
    else this.keys.delete(fingerprintOf(content));
  }

  /** A one-request action: `api()` with this request's key, which is done with once it succeeded. */
  async send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const content = { method, path, body };
    const answer = await api<T>(method, path, { body, idempotencyKey: this.keyFor(content) });
    this.succeeded(content);
    return answer;
  }
}

/** A form's ActionKeys, for as long as the form is on the page. */
export function useActionKeys(): ActionKeys {
  const [keys] = useState(() => new ActionKeys());
  return keys;
}

/** What identifies a file being uploaded, for its key: the same file chosen again is the same upload. */
export function uploadContentOf(kind: 'photos' | 'documents', file: Blob, name: string): unknown {
  return { upload: kind, name, size: file.size, type: file.type, lastModified: file instanceof File ? file.lastModified : null };
}
