import fc from 'fast-check';

/** Where the fuzz aims: a gateway with a BKM, an administrator and one draft of that BKM's. */
export interface FuzzTarget {
  url: string;
  bkmToken: string;
  adminToken: string;
  draftId: string;
  /** A complete, valid proposal body, the template the bad ones are made from. */
  validProposal: Record<string, unknown>;
}

type Who = 'bkm' | 'admin' | 'nobody';
interface Operation {
  name: string;
  method: string;
  path: (target: FuzzTarget, id: string) => string;
  who: Who;
  /** A valid body, or undefined for operations without one. */
  body?: (target: FuzzTarget) => Record<string, unknown>;
  /** A valid query, for operations that take one. */
  query?: Record<string, string>;
}

/** The request contracts under attack: each with a valid request that the mutations below break. */
const OPERATIONS: Operation[] = [
  { name: 'login', method: 'POST', path: () => '/api/v1/auth/login', who: 'nobody', body: () => ({ username: 'bkm.14.03.09.1004', password: 'not-the-password' }) },
  { name: 'create proposal', method: 'POST', path: () => '/api/v1/proposals', who: 'bkm', body: (t) => t.validProposal },
  { name: 'update proposal', method: 'PATCH', path: (t) => `/api/v1/proposals/${t.draftId}`, who: 'bkm', body: (t) => ({ ...t.validProposal, programCode: undefined, villageCode: undefined, version: 1 }) },
  { name: 'list proposals', method: 'GET', path: () => '/api/v1/proposals', who: 'bkm', query: { status: 'DRAFT', page: '1', pageSize: '20' } },
  { name: 'read proposal', method: 'GET', path: (_t, id) => `/api/v1/proposals/${id}`, who: 'bkm' },
  {
    name: 'create user',
    method: 'POST',
    path: () => '/api/v1/users',
    who: 'admin',
    body: () => ({ username: 'lurah.fuzz', password: 'kata-sandi-panjang', role: 'LURAH', regionCode: '14.03.09.1004', displayName: 'Lurah Fuzz', email: 'lurah@fuzz.test' }),
  },
  { name: 'list users', method: 'GET', path: () => '/api/v1/users', who: 'admin', query: { role: 'BKM', regionCode: '14.03.09' } },
  { name: 'replay dead letter', method: 'POST', path: (_t, id) => `/ops/dead-letters/${id}/replay`, who: 'admin' },
  { name: 'upload photo', method: 'POST', path: () => '/api/v1/uploads/photos', who: 'bkm' },
];

const deep = (depth: number, inArray: boolean): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = inArray ? [value] : { a: value };
  return value;
};

/** Values no field expects: wrong types, huge and strange text, numbers beyond money, deep nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom('x'.repeat(100_000), '\ud800', 'a\udc00b', '🚧'.repeat(5000), '', ' ', '14.03.09.1004\u0000', '../../etc/passwd', '<script>alert(1)</script>', "' OR 1=1 --"),
  fc.integer(),
  fc.double(),
  fc.constantFrom(1e-7, -1, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, 99999999999999999999, 0.001, 12.345),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 5 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.tuple(fc.integer({ min: 33, max: 2000 }), fc.boolean()).map(([depth, inArray]) => deep(depth, inArray)),
);
/** Id-like path segments: wrong shapes, out of range, encoded NUL and slashes. */
const hostileId = fc.oneof(
  fc.constantFrom('99999999999999999999', '-1', '0', '1e5', 'null', '%00', 'a%00b', '%2e%2e%2f', '%ED%A0%80', '00000000-0000-0000-0000-000000000000', 'ABC'),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
);
/** Text standing in for a number that JSON.stringify cannot write: parsed to Infinity, or not JSON at all. */
const rawNumber = fc.constantFrom('1e999', '-1e999', 'NaN', '99999999999999999999999999', '0x10', '1e-7', '.5');

export interface FuzzCase {
  operation: string;
  mutation: string;
  method: string;
  path: string;
  who: Who;
  headers: Record<string, string>;
  body?: string | FormData;
  /** Whether the request is one no JSON parser accepts (a 400 without a field is then fair). */
  unparsable: boolean;
}

function pathsOf(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  if (typeof value !== 'object' || value === null || depth > 3) return [];
  return Object.entries(value).flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key], depth + 1)]);
}

function setPath(target: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(target) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  if (value === undefined) delete node[path[path.length - 1]];
  else node[path[path.length - 1]] = value;
  return copy;
}

/** One bad request: an operation's valid request with one thing broken. */
export function fuzzCaseArbitrary(target: FuzzTarget): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...OPERATIONS).chain((op) => {
    const json = { 'content-type': 'application/json' };
    const base = op.body ? JSON.parse(JSON.stringify(op.body(target))) : undefined;
    const make = (mutation: string, parts: Partial<FuzzCase>): FuzzCase => ({
      operation: op.name,
      mutation,
      method: op.method,
      path: op.path(target, target.draftId) + (op.query ? `?${new URLSearchParams(op.query)}` : ''),
      who: op.who,
      headers: base ? json : {},
      body: base ? JSON.stringify(base) : undefined,
      unparsable: false,
      ...parts,
    });
    const mutations: Array<fc.Arbitrary<FuzzCase>> = [
      hostileId.map((id) => make('hostile id', { path: op.path(target, id) })),
      fc.tuple(fc.constantFrom('page', 'pageSize', 'status', 'role', 'regionCode', 'search', 'q'), fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('99999999999999999999', '-5', 'NaN', '1e999', '\u0000', 'x'.repeat(5000))))
        .map(([key, value]) => make('hostile query', { path: `${op.path(target, target.draftId)}?${new URLSearchParams({ ...(op.query ?? {}), [key]: value })}` })),
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=klingon', 'application/xml')
        .map((type) => make('wrong content type', { headers: { 'content-type': type }, body: base ? JSON.stringify(base) : 'x=1', unparsable: true })),
      fc.constantFrom('{', '{"a":', '[1,]', 'null', '"text"', '12', '{"__proto__":{"admin":true}}', '\u0000')
        .map((raw) => make('malformed JSON', { headers: json, body: raw, unparsable: !['null', '"text"', '12', '{"__proto__":{"admin":true}}'].includes(raw) })),
    ];
    if (base) {
      const paths = pathsOf(base);
      mutations.push(
        fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, value]) => make(`${path.join('.')} = hostile value`, { body: JSON.stringify(setPath(base, path, value)) })),
        fc.constantFrom(...paths).map((path) => make(`${path.join('.')} missing`, { body: JSON.stringify(setPath(base, path, undefined)) })),
        fc.tuple(fc.string({ maxLength: 12 }), hostileValue).map(([key, value]) => make('extra field', { body: JSON.stringify(setPath(base, [key || 'extra'], value)) })),
        hostileValue.map((value) => make('whole body hostile', { body: JSON.stringify(value) ?? 'null' })),
      );
      const numeric = paths.filter((p) => typeof p.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], base) === 'number');
      if (numeric.length) {
        mutations.push(
          fc.tuple(fc.constantFrom(...numeric), rawNumber).map(([path, raw]) => {
            const text = JSON.stringify(setPath(base, path, '__FUZZ_NUMBER__')).replace('"__FUZZ_NUMBER__"', raw);
            let parsable = true;
            try {
              JSON.parse(text);
            } catch {
              parsable = false;
            }
            return make(`${path.join('.')} = ${raw}`, { body: text, unparsable: !parsable });
          }),
        );
      }
    }
    if (op.name === 'upload photo') {
      mutations.push(
        fc.tuple(fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'text/html', 'image/svg+xml'), fc.constantFrom('<svg onload=alert(1)>', '%PDF-1.4', 'GIF89a', '\u0000\u0000', 'MZ\u0090'), fc.constantFrom('file', 'photo', 'files[]'))
          .map(([type, content, field]) => {
            const form = new FormData();
            form.append(field, new Blob([content], { type }), 'foto.png');
            return make('disguised upload', { headers: {}, body: form });
          }),
      );
    }
    return fc.oneof(...mutations);
  });
}

export interface FuzzFailure {
  operation: string;
  mutation: string;
  request: string;
  status: number;
  why: string;
  answer: string;
}

export interface FuzzReport {
  requests: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  serverErrors: number;
  /** Requests the server closed the connection on without answering. */
  noAnswer: number;
  badRequestsWithoutField: number;
  partialWrites: number;
  failures: FuzzFailure[];
}

async function draftVersion(target: FuzzTarget): Promise<number> {
  const response = await fetch(`${target.url}/api/v1/proposals/${target.draftId}`, { headers: { authorization: `Bearer ${target.bkmToken}` } });
  return ((await response.json()) as { version: number }).version;
}

async function proposalTotal(target: FuzzTarget): Promise<number> {
  const response = await fetch(`${target.url}/api/v1/proposals?pageSize=1`, { headers: { authorization: `Bearer ${target.bkmToken}` } });
  return ((await response.json()) as { total: number }).total;
}

/**
 * Sends each case and checks what a client may rely on: no 5xx; every 400 names its fields with a
 * reason and a code (unless the body was not JSON at all); a refused change leaves the proposal
 * (its version) and the number of proposals as they were.
 */
export async function runFuzz(target: FuzzTarget, cases: FuzzCase[], onProgress?: (done: number) => void): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, byStatus: {}, byOperation: {}, serverErrors: 0, noAnswer: 0, badRequestsWithoutField: 0, partialWrites: 0, failures: [] };
  const fail = (c: FuzzCase, status: number, why: string, answer: string) =>
    report.failures.length < 50 && report.failures.push({ operation: c.operation, mutation: c.mutation, request: `${c.method} ${c.path.slice(0, 200)}`, status, why, answer: answer.slice(0, 300) });
  for (const c of cases) {
    const token = c.who === 'bkm' ? target.bkmToken : c.who === 'admin' ? target.adminToken : undefined;
    const watchesDraft = c.operation === 'update proposal';
    const watchesCount = c.operation === 'create proposal';
    const before = watchesDraft ? await draftVersion(target) : watchesCount ? await proposalTotal(target) : undefined;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${target.url}${c.path}`, {
        method: c.method,
        headers: { ...c.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        // GET carries no body: its mutations are in the path and the query.
        body: c.method === 'GET' ? undefined : c.body,
      });
      text = await response.text();
    } catch (error) {
      // No answer at all (the server closed the connection): as bad for a client as a 5xx.
      report.requests++;
      report.noAnswer++;
      report.byStatus.none = (report.byStatus.none ?? 0) + 1;
      fail(c, 0, `no answer: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`, '');
      onProgress?.(report.requests);
      continue;
    }
    report.requests++;
    report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
    report.byOperation[c.operation] = (report.byOperation[c.operation] ?? 0) + 1;
    if (response.status >= 500) {
      report.serverErrors++;
      fail(c, response.status, 'server error', text);
    }
    if (response.status === 400 && !c.unparsable) {
      let errors: unknown;
      try {
        errors = (JSON.parse(text) as { errors?: unknown }).errors;
      } catch {
        errors = undefined;
      }
      const named =
        Array.isArray(errors) &&
        errors.length > 0 &&
        errors.every((e: { field?: unknown; reason?: unknown; code?: unknown }) => typeof e.field === 'string' && e.field.length > 0 && typeof e.reason === 'string' && typeof e.code === 'string');
      if (!named) {
        report.badRequestsWithoutField++;
        fail(c, 400, 'a 400 that does not name the field', text);
      }
    }
    if (response.status >= 400 && before !== undefined) {
      const after = watchesDraft ? await draftVersion(target) : await proposalTotal(target);
      if (after !== before) {
        report.partialWrites++;
        fail(c, response.status, `refused, yet ${watchesDraft ? 'the draft version' : 'the number of proposals'} went from ${before} to ${after}`, text);
      }
    }
    onProgress?.(report.requests);
  }
  return report;
}

/** The same cases for the same seed: a failure found once can be replayed. */
export function fuzzCases(target: FuzzTarget, count: number, seed: number): FuzzCase[] {
  return fc.sample(fuzzCaseArbitrary(target), { numRuns: count, seed });
}
