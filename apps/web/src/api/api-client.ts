/**
 * One field the API refused, and why: the body of every 400 is `{ errors: [{ field, code, reason }] }`.
 * The console shows the stable `code` in the reader's language; `reason` is English for developers.
 */
export interface FieldError {
  field: string;
  reason: string;
  code?: string;
}

/** Status 0: the server could not be reached at all (offline, dropped connection). */
export const NETWORK_FAILURE = 0;

/** An answer other than 2xx (or none at all), with the API's stable code and, for a 400, the fields it refused. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly code?: string,
  ) {
    super(message);
  }
}

/**
 * A refusal the console tells by the API's own rule (shared in @alur/contracts) before it sends anything: the
 * 400 the API would answer, so the form shows it as it shows the API's.
 */
export function refusedBeforeSending(errors: FieldError[]): ApiError {
  return new ApiError(400, 'Validation failed', errors);
}

/** fetch, with "no answer at all" (offline, dropped connection) as an ApiError the console can put in words. */
async function send(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw new ApiError(NETWORK_FAILURE, error instanceof Error ? error.message : 'network');
  }
}

const TOKEN_KEY = 'alur.accessToken';

/**
 * The access token lives in localStorage, so a link opened in a new tab (from an e-mail, say) finds the
 * session; never in a cookie the API would trust. It expires with the token (JWT_TTL_SECONDS).
 */
export const tokenStore = {
  key: TOKEN_KEY,
  get: (): string | null => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

let onUnauthorized: () => void = () => undefined;
/** What to do when the token is refused (expired): the session drops back to the login page. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  /** One key per user action (a write): kept across retries, so the action happens once. Made here when not given. */
  idempotencyKey?: string;
}

/** A fresh Idempotency-Key: random, from getRandomValues (randomUUID needs https, a village office may use http). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

function codeOf(body: unknown): string | undefined {
  const code = body && typeof body === 'object' && 'code' in body ? (body as { code: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object' && 'message' in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  }
  return `HTTP ${status}`;
}

/**
 * Fetches a file the gateway keeps or makes (an uploaded photo or document, an export) as the logged-in user, under
 * the name the gateway gives it.
 */
export async function fetchFile(url: string): Promise<File> {
  const token = tokenStore.get();
  const response = await send(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  // A refusal is read as any answer is, so its code and fields can be told in words.
  if (!response.ok) answerOf(response.status, await response.text(), response.headers.get('content-type'), token);
  const blob = await response.blob();
  return new File([blob], fileNameOf(response.headers.get('content-disposition')), { type: blob.type });
}

/** The name an answer gives its file (`attachment; filename="pencairan-2026-12-06.xlsx"`), or '' when it gives none. */
export function fileNameOf(contentDisposition: string | null): string {
  return /filename="([^"]+)"/.exec(contentDisposition ?? '')?.[1] ?? /filename=([^;\s]+)/.exec(contentDisposition ?? '')?.[1] ?? '';
}

/** A request that met no answer or a busy server is sent again after these pauses: a weak phone's signal drops, a busy service answers 504. */
const RETRY_PAUSES_MS = [500, 1_500, 4_000];
const TRANSIENT = new Set([NETWORK_FAILURE, 502, 503, 504]);

/**
 * A failure that says nothing of whether the request was carried out (no answer, a busy gateway):
 * the same action may be tried again with the same key (see ActionKeys). Any other failure is an answer.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && TRANSIENT.has(error.status);
}

/**
 * A part of a page that another service answers: `none` where it has nothing for what the page shows (404: a
 * draft has no stages, and a submission may not have reached the approvals service yet), undefined where it
 * could not answer now (a service down or slow), so the page can tell its reader instead of showing nothing.
 */
export function partOf<T>(read: Promise<T>, none: T): Promise<T | undefined> {
  return read.catch((error: unknown) => (error instanceof ApiError && error.status === 404 ? none : undefined));
}

/**
 * Calls the gateway's public API (`/api/v1/...`) as the logged-in user. A request that met a transient
 * failure is sent again: a read as it is, a write with the same Idempotency-Key, so that the gateway
 * answers a repeat with the first answer instead of doing it twice.
 */
export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  if (method !== 'GET') {
    const idempotencyKey = options.idempotencyKey ?? newIdempotencyKey();
    options = { ...options, idempotencyKey, headers: { 'Idempotency-Key': idempotencyKey, ...options.headers } };
  }
  for (const pause of RETRY_PAUSES_MS) {
    try {
      return await callOnce<T>(method, path, options);
    } catch (error) {
      if (!isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
  return callOnce<T>(method, path, options);
}

/** The gateway's address of an API path with its query, the fields left empty or undefined left out. */
export function apiUrl(path: string, query: RequestOptions['query'] = {}): string {
  const given = Object.entries(query).filter(([, v]) => v !== undefined && v !== '');
  return `/api/v1${path}${given.length ? `?${new URLSearchParams(given.map(([k, v]) => [k, String(v)]))}` : ''}`;
}

async function callOnce<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const url = apiUrl(path, options.query);
  const token = tokenStore.get();
  // A FormData body (a file upload) goes as multipart, with the boundary the browser sets.
  const multipart = options.body instanceof FormData;
  const response = await send(url, {
    method,
    headers: {
      accept: 'application/json',
      ...(options.body === undefined || multipart ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : multipart ? (options.body as FormData) : JSON.stringify(options.body),
  });
  return answerOf<T>(response.status, await response.text(), response.headers.get('content-type'), token);
}

/** The body of an answer, or the ApiError it stands for (a refused token first drops the session). */
function answerOf<T>(status: number, text: string, contentType: string | null, token: string | null): T {
  const body: unknown = text && contentType?.includes('json') ? JSON.parse(text) : text;
  if (status < 200 || status >= 300) {
    if (status === 401 && token) onUnauthorized();
    const errors =
      body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)
        ? (body as { errors: FieldError[] }).errors
        : [];
    throw new ApiError(status, messageOf(body, status), errors, codeOf(body));
  }
  return body as T;
}

/**
 * Uploads one file (multipart field `file`) to `/api/v1/uploads/<kind>` as the logged-in user,
 * telling `onProgress` the share sent so far (0–1). XMLHttpRequest, since fetch reports no upload progress.
 * With an Idempotency-Key, the same file sent again under it is kept once (the gateway answers the first upload).
 */
export function uploadFile<T>(
  kind: 'photos' | 'documents',
  file: Blob,
  name: string,
  onProgress: (sent: number) => void,
  idempotencyKey?: string,
): Promise<T> {
  const token = tokenStore.get();
  const form = new FormData();
  form.append('file', file, name);
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/uploads/${kind}`);
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    if (idempotencyKey) xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      try {
        resolve(answerOf<T>(xhr.status, xhr.responseText, xhr.getResponseHeader('content-type'), token));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError(NETWORK_FAILURE, 'network'));
    xhr.ontimeout = xhr.onerror;
    xhr.send(form);
  });
}
