import { createHash, createHmac, hkdfSync, KeyObject, createSecretKey, timingSafeEqual } from 'node:crypto';
import { BaseEnv, jwtSecretOf } from '@alur/config';
import { Actor, ActorSchema } from '@alur/contracts';

/** Who signs caller assertions, and for whom: a token of another issuer or audience is no assertion. */
export const CALLER_ASSERTION_ISSUER = 'alur-gateway';
export const CALLER_ASSERTION_AUDIENCE = 'alur-services';
/** Long enough for the request to travel, short enough that a captured assertion is soon worthless. */
const ASSERTION_TTL_SECONDS = 30;
/** Clocks of the gateway and a service may differ a little. */
const CLOCK_SKEW_SECONDS = 5;

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

interface AssertionClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  /** The request subject it was made for: an assertion for one operation cannot be reused for another. */
  sub: string;
  /** SHA-256 of the request's data as sent: the same operation with other data needs a new assertion. */
  dh: string;
  /** The caller, or null for an anonymous (public) request. */
  act: Actor | null;
  /** The client's Idempotency-Key for this request, if it sent one. */
  idk?: string;
  /** When the gateway stops waiting for the answer (epoch ms): work that starts later is for nobody. */
  dl?: number;
}

/** What the gateway vouches for on one request: who asks, with which Idempotency-Key, until when. */
export interface VerifiedCaller {
  actor: Actor | null;
  idempotencyKey?: string;
  deadline?: number;
}

export class CallerAssertionError extends Error {}

/** The key both sides hold: RPC_ASSERTION_SECRET, or one derived from JWT_SECRET when it is not set apart. */
export function callerAssertionKey(env: Pick<BaseEnv, 'JWT_SECRET' | 'RPC_ASSERTION_SECRET'>): KeyObject {
  const material = env.RPC_ASSERTION_SECRET
    ? Buffer.from(env.RPC_ASSERTION_SECRET)
    : Buffer.from(hkdfSync('sha256', jwtSecretOf(env), 'alur', 'alur-rpc-caller-assertion', 32));
  return createSecretKey(material);
}

/** Hashes data the way it crosses the wire (JSON), so both sides hash the same bytes. */
function dataHash(data: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(data ?? null) ?? 'null')
    .digest('base64url');
}

function signature(key: KeyObject, unsigned: string): Buffer {
  return createHmac('sha256', key).update(unsigned).digest();
}

/**
 * The gateway's word, per request, of who is calling: a compact HS256 JWT bound to the subject and
 * the data of that one request and valid for seconds. Services believe no other statement of the caller.
 */
export function signCallerAssertion(
  key: KeyObject,
  subject: string,
  data: unknown,
  actor: Actor | null,
  now = Date.now(),
  request: { idempotencyKey?: string; deadline?: number } = {},
): string {
  const iat = Math.floor(now / 1000);
  const claims: AssertionClaims = {
    iss: CALLER_ASSERTION_ISSUER,
    aud: CALLER_ASSERTION_AUDIENCE,
    iat,
    exp: iat + ASSERTION_TTL_SECONDS,
    sub: subject,
    dh: dataHash(data),
    act: actor,
    ...(request.idempotencyKey ? { idk: request.idempotencyKey } : {}),
    ...(request.deadline ? { dl: request.deadline } : {}),
  };
  const unsigned = `${HEADER}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${unsigned}.${signature(key, unsigned).toString('base64url')}`;
}

/** The caller the gateway asserted for this subject and data; throws CallerAssertionError otherwise. */
export function verifyCallerAssertion(key: KeyObject, token: unknown, subject: string, data: unknown, now = Date.now()): Actor | null {
  return verifiedCallerOf(key, token, subject, data, now).actor;
}

/** Everything the gateway asserted for this subject and data; throws CallerAssertionError otherwise. */
export function verifiedCallerOf(key: KeyObject, token: unknown, subject: string, data: unknown, now = Date.now()): VerifiedCaller {
  if (typeof token !== 'string' || token.length > 8192) throw new CallerAssertionError('No caller assertion on the request');
  const [header, payload, signed, ...rest] = token.split('.');
  if (rest.length || header !== HEADER || !payload || !signed) throw new CallerAssertionError('Malformed caller assertion');
  const expected = signature(key, `${header}.${payload}`);
  const given = Buffer.from(signed, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new CallerAssertionError('Caller assertion not signed by the gateway');

  let claims: AssertionClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AssertionClaims;
  } catch {
    throw new CallerAssertionError('Malformed caller assertion');
  }
  const seconds = now / 1000;
  if (claims.iss !== CALLER_ASSERTION_ISSUER || claims.aud !== CALLER_ASSERTION_AUDIENCE)
    throw new CallerAssertionError('Caller assertion for another audience');
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < seconds)
    throw new CallerAssertionError('Caller assertion expired');
  if (typeof claims.iat !== 'number' || claims.iat - CLOCK_SKEW_SECONDS > seconds)
    throw new CallerAssertionError('Caller assertion from the future');
  if (claims.sub !== subject || claims.dh !== dataHash(data)) throw new CallerAssertionError('Caller assertion made for another request');
  if ((claims.idk !== undefined && typeof claims.idk !== 'string') || (claims.dl !== undefined && typeof claims.dl !== 'number')) {
    throw new CallerAssertionError('Malformed request terms in the assertion');
  }
  const request = { idempotencyKey: claims.idk, deadline: claims.dl };
  if (claims.act === null) return { actor: null, ...request };
  const actor = ActorSchema.safeParse(claims.act);
  if (!actor.success) throw new CallerAssertionError('Malformed caller in the assertion');
  return { actor: actor.data, ...request };
}
