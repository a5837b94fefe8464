import fc from 'fast-check';

/**
 * Fuzzing generated from the request contracts: the gateway's OpenAPI document is generated from
 * them (ContractInput), so every operation it lists is attacked with its own fields, by a caller
 * allowed to reach its validation. A valid-looking request is built from each schema (or taken from
 * `validBodies`, so that mutations reach past the shape into the service's rules), then one thing in
 * it is broken.
 */
export interface FuzzTarget {
  url: string;
  /** A token per caller (e.g. `bkm`, `lurah`, `bpkad`, `admin`); an operation is attacked by the first one it lets in. */
  tokens: Record<string, string>;
  /** Fixture ids by path-parameter name (`id`, `proposalId`…), `default` for the rest. */
  ids: Record<string, string>;
  /** A draft proposal of the `bkm` caller: refused changes to it must leave its version as it was. */
  draftId: string;
  /** Known-good bodies by operation (`POST /api/v1/proposals`). */
  validBodies: Record<string, unknown>;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  $ref?: string;
};

export interface Operation {
  /** `METHOD /path/{param}`, as the document names it. */
  name: string;
  method: string;
  path: string;
  params: string[];
  query: Array<{ name: string; schema: JsonSchema }>;
  body?: JsonSchema;
  multipart: boolean;
  /** The caller that reaches its validation (or none, for public operations). */
  who?: string;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ name: string; in: string; schema?: JsonSchema }>;
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Operations that would end the fuzz's own sessions, or the docs themselves: not attacked. */
const SPARED = [/^POST \/api\/v1\/auth\/logout$/, /^GET \/api\/docs/];

/** Every operation of the gateway's OpenAPI document, with its path parameters, query and body schemas. */
export async function operationsOf(url: string): Promise<Operation[]> {
  const document = (await (await fetch(`${url}/api/docs-json`)).json()) as OpenApiDocument;
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined =>
    schema?.$ref ? resolve(document.components?.schemas?.[schema.$ref.split('/').pop()!]) : schema;
  const operations: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, spec] of Object.entries(methods)) {
      const name = `${method.toUpperCase()} ${path}`;
      if (SPARED.some((spared) => spared.test(name))) continue;
      const parameters = spec.parameters ?? [];
      const content = spec.requestBody?.content ?? {};
      operations.push({
        name,
        method: method.toUpperCase(),
        path,
        params: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: resolve(p.schema) ?? {} })),
        body: resolveDeep(resolve(content['application/json']?.schema), resolve),
        multipart: Boolean(content['multipart/form-data']),
      });
    }
  }
  return operations;
}

function resolveDeep(
  schema: JsonSchema | undefined,
  resolve: (s: JsonSchema | undefined) => JsonSchema | undefined,
  depth = 0,
): JsonSchema | undefined {
  const own = resolve(schema);
  if (!own || depth > 8) return own;
  return {
    ...own,
    ...(own.properties
      ? { properties: Object.fromEntries(Object.entries(own.properties).map(([k, v]) => [k, resolveDeep(v, resolve, depth + 1)!])) }
      : {}),
    ...(own.items ? { items: resolveDeep(own.items, resolve, depth + 1) } : {}),
  };
}

/** Texts a pattern of the API may ask for: region, village and programme codes. */
const PATTERNED = ['14.03.09.1004', '14.03.09', '14.03', '14', 'KOTAKU-2026', '2026', '2026-12-31', '08123456789', '+628123456789'];

/** A value that fits `schema` as well as a schema alone can tell. */
export function exampleOf(schema: JsonSchema | undefined, ids: Record<string, string>, depth = 0): unknown {
  if (!schema || depth > 8) return 'x';
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum?.length) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return exampleOf(alternatives.find((a) => a.type !== 'null') ?? alternatives[0], ids, depth + 1);
  if (schema.allOf?.length) return Object.assign({}, ...schema.allOf.map((part) => exampleOf(part, ids, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type ?? (schema.properties ? 'object' : undefined)) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, child]) => [key, exampleOf(child, ids, depth + 1)]));
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items, ids, depth + 1));
    case 'integer':
    case 'number': {
      const low =
        typeof schema.minimum === 'number' ? schema.minimum : typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum + 1 : 1;
      return Math.min(Math.max(low, 1), schema.maximum ?? Number.MAX_SAFE_INTEGER);
    }
    case 'boolean':
      return true;
    case 'string': {
      if (schema.format === 'uuid') return ids.default;
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      if (schema.format === 'email') return 'fuzz@alur.test';
      if (schema.pattern) {
        const pattern = new RegExp(schema.pattern);
        const fit = PATTERNED.find((candidate) => pattern.test(candidate));
        if (fit) return fit;
      }
      return 'x'.repeat(Math.min(Math.max(schema.minLength ?? 1, 5), schema.maxLength ?? 5));
    }
    default:
      return 'x';
  }
}

/**
 * For each operation, the first caller (in `order`) whose request is not refused as unauthenticated
 * or forbidden; an operation that lets nobody in is attacked anonymously (login, public pages).
 */
export async function assignCallers(target: FuzzTarget, operations: Operation[], order: string[]): Promise<Operation[]> {
  const assigned: Operation[] = [];
  for (const operation of operations) {
    let who: string | undefined;
    for (const caller of order) {
      const response = await send(target, baseCase(target, { ...operation, who: caller })).catch(() => undefined);
      if (response && response.status !== 401 && response.status !== 403) {
        who = caller;
        break;
      }
    }
    assigned.push({ ...operation, who });
  }
  return assigned;
}

const pathOf = (operation: Operation, target: FuzzTarget, override: Record<string, string> = {}) =>
  operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => override[name] ?? target.ids[name] ?? target.ids.default);

function validQuery(operation: Operation, target: FuzzTarget): Record<string, string> {
  const query: Record<string, string> = {};
  for (const { name, schema } of operation.query) {
    if (schema.default !== undefined || schema.enum?.length) query[name] = String(exampleOf(schema, target.ids));
  }
  return query;
}

export interface FuzzCase {
  operation: string;
  mutation: string;
  method: string;
  path: string;
  who?: string;
  headers: Record<string, string>;
  body?: string | FormData;
  /** Whether the request is one no JSON parser accepts (a 400 without a field is then fair). */
  unparsable: boolean;
}

function baseCase(target: FuzzTarget, operation: Operation): FuzzCase {
  const base = target.validBodies[operation.name] ?? (operation.body ? exampleOf(operation.body, target.ids) : undefined);
  const query = new URLSearchParams(validQuery(operation, target)).toString();
  return {
    operation: operation.name,
    mutation: 'none',
    method: operation.method,
    path: pathOf(operation, target) + (query ? `?${query}` : ''),
    who: operation.who,
    headers: base !== undefined ? { 'content-type': 'application/json' } : {},
    body: base !== undefined ? JSON.stringify(base) : undefined,
    unparsable: false,
  };
}

const deep = (depth: number, inArray: boolean): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = inArray ? [value] : { a: value };
  return value;
};

/** Values no field expects: wrong types, huge and strange text, numbers beyond money, deep nesting. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`),
  fc.constantFrom(
    'x'.repeat(100_000),
    '\ud800',
    'a\udc00b',
    '🚧'.repeat(5000),
    '',
    ' ',
    '14.03.09.1004\u0000',
    '../../etc/passwd',
    '<script>alert(1)</script>',
    "' OR 1=1 --",
  ),
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
  fc.constantFrom(
    '99999999999999999999',
    '-1',
    '0',
    '1e5',
    'null',
    '%00',
    'a%00b',
    '%2e%2e%2f',
    '%ED%A0%80',
    '00000000-0000-0000-0000-000000000000',
    'ABC',
  ),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
);
const hostileQueryValue = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('99999999999999999999', '-5', 'NaN', '1e999', '\u0000', 'x'.repeat(5000), '', 'true', '2026-13-45'),
);
/** Text standing in for a number that JSON.stringify cannot write: parsed to Infinity, or not JSON at all. */
const rawNumber = fc.constantFrom('1e999', '-1e999', 'NaN', '99999999999999999999999999', '0x10', '1e-7', '.5');

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
export function fuzzCaseArbitrary(target: FuzzTarget, operations: Operation[]): fc.Arbitrary<FuzzCase> {
  return fc.constantFrom(...operations).chain((op) => {
    const json = { 'content-type': 'application/json' };
    const valid = baseCase(target, op);
    const base = valid.body !== undefined ? (JSON.parse(valid.body as string) as unknown) : undefined;
    const make = (mutation: string, parts: Partial<FuzzCase>): FuzzCase => ({ ...valid, mutation, ...parts });
    const query = validQuery(op, target);
    const mutations: Array<fc.Arbitrary<FuzzCase>> = [
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=klingon', 'application/xml')
        .map((type) => make('wrong content type', { headers: { 'content-type': type }, body: valid.body ?? 'x=1', unparsable: true })),
      fc.constantFrom('{', '{"a":', '[1,]', 'null', '"text"', '12', '{"__proto__":{"admin":true}}', '\u0000').map((raw) =>
        make('malformed JSON', {
          headers: json,
          body: raw,
          unparsable: !['null', '"text"', '12', '{"__proto__":{"admin":true}}'].includes(raw),
        }),
      ),
      fc
        .tuple(fc.constantFrom(...op.query.map((q) => q.name), 'page', 'pageSize', 'unknownParameter'), hostileQueryValue)
        .map(([key, value]) =>
          make(`query ${key} = hostile value`, { path: `${pathOf(op, target)}?${new URLSearchParams({ ...query, [key]: value })}` }),
        ),
    ];
    if (op.params.length) {
      mutations.push(
        fc
          .tuple(fc.constantFrom(...op.params), hostileId)
          .map(([param, id]) => make(`${param} = hostile id`, { path: pathOf(op, target, { [param]: id }) })),
      );
    }
    if (base !== undefined) {
      const paths = pathsOf(base);
      mutations.push(
        fc
          .tuple(fc.string({ maxLength: 12 }), hostileValue)
          .map(([key, value]) => make('extra field', { body: JSON.stringify(setPath(base, [key || 'extra'], value)) })),
        hostileValue.map((value) => make('whole body hostile', { body: JSON.stringify(value) ?? 'null' })),
      );
      if (paths.length) {
        mutations.push(
          fc
            .tuple(fc.constantFrom(...paths), hostileValue)
            .map(([path, value]) => make(`${path.join('.')} = hostile value`, { body: JSON.stringify(setPath(base, path, value)) })),
          fc
            .constantFrom(...paths)
            .map((path) => make(`${path.join('.')} missing`, { body: JSON.stringify(setPath(base, path, undefined)) })),
        );
      }
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
    if (op.multipart) {
      mutations.push(
        fc
          .tuple(
            fc.constantFrom('image/png', 'image/jpeg', 'application/pdf', 'text/html', 'image/svg+xml'),
            fc.constantFrom('<svg onload=alert(1)>', '%PDF-1.4', 'GIF89a', '\u0000\u0000', 'MZ\u0090'),
            fc.constantFrom('file', 'photo', 'files[]'),
          )
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
  operations: number;
  byStatus: Record<string, number>;
  byOperation: Record<string, number>;
  serverErrors: number;
  /** Requests the server closed the connection on without answering. */
  noAnswer: number;
  badRequestsWithoutField: number;
  partialWrites: number;
  failures: FuzzFailure[];
}

const writes = (c: Pick<FuzzCase, 'method'>) => c.method !== 'GET' && c.method !== 'HEAD';

/** Sends a case as its caller; a GET carries no body (its mutations are in the path and the query). */
function send(target: FuzzTarget, c: FuzzCase): Promise<Response> {
  const token = c.who ? target.tokens[c.who] : undefined;
  return fetch(`${target.url}${c.path}`, {
    method: c.method,
    headers: { ...c.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: writes(c) ? c.body : undefined,
  });
}

async function draftVersion(target: FuzzTarget): Promise<number> {
  const response = await fetch(`${target.url}/api/v1/proposals/${target.draftId}`, {
    headers: { authorization: `Bearer ${target.tokens.bkm}` },
  });
  return ((await response.json()) as { version: number }).version;
}

async function proposalTotal(target: FuzzTarget): Promise<number> {
  const response = await fetch(`${target.url}/api/v1/proposals?pageSize=1`, { headers: { authorization: `Bearer ${target.tokens.bkm}` } });
  return ((await response.json()) as { total: number }).total;
}

/**
 * Sends each case and checks what a client may rely on: an answer; no 5xx; every 400 names its
 * fields with a reason and a code (unless the body was not JSON at all); a refused change leaves the
 * draft (its version) and the number of proposals as they were.
 */
export async function runFuzz(target: FuzzTarget, cases: FuzzCase[], onProgress?: (done: number) => void): Promise<FuzzReport> {
  const report: FuzzReport = {
    requests: 0,
    operations: new Set(cases.map((c) => c.operation)).size,
    byStatus: {},
    byOperation: {},
    serverErrors: 0,
    noAnswer: 0,
    badRequestsWithoutField: 0,
    partialWrites: 0,
    failures: [],
  };
  const fail = (c: FuzzCase, status: number, why: string, answer: string) =>
    report.failures.length < 50 &&
    report.failures.push({
      operation: c.operation,
      mutation: c.mutation,
      request: `${c.method} ${c.path.slice(0, 200)}`,
      status,
      why,
      answer: answer.slice(0, 300),
    });
  for (const c of cases) {
    const watchesDraft = writes(c) && c.path.includes(target.draftId);
    const watchesCount = c.method === 'POST' && c.path.split('?')[0] === '/api/v1/proposals';
    const before = watchesDraft ? await draftVersion(target) : watchesCount ? await proposalTotal(target) : undefined;
    report.requests++;
    report.byOperation[c.operation] = (report.byOperation[c.operation] ?? 0) + 1;
    let response: Response;
    let text: string;
    const attempt = async () => {
      const answer = await send(target, c);
      return { answer, body: await answer.text() };
    };
    try {
      // A kept-alive connection the server closed as idle fails before the request leaves; a browser
      // sends it again on a new connection, and so does this. A request that itself ends the connection fails twice.
      const { answer, body } = await attempt().catch(attempt);
      response = answer;
      text = body;
    } catch (error) {
      // No answer at all (the server closed the connection): as bad for a client as a 5xx.
      report.noAnswer++;
      report.byStatus.none = (report.byStatus.none ?? 0) + 1;
      fail(c, 0, `no answer: ${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}`, '');
      onProgress?.(report.requests);
      continue;
    }
    report.byStatus[response.status] = (report.byStatus[response.status] ?? 0) + 1;
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
        errors.every(
          (e: { field?: unknown; reason?: unknown; code?: unknown }) =>
            typeof e.field === 'string' && e.field.length > 0 && typeof e.reason === 'string' && typeof e.code === 'string',
        );
      if (!named) {
        report.badRequestsWithoutField++;
        fail(c, 400, 'a 400 that does not name the field', text);
      }
    }
    if (response.status >= 400 && before !== undefined) {
      const after = watchesDraft ? await draftVersion(target) : await proposalTotal(target);
      if (after !== before) {
        report.partialWrites++;
        fail(
          c,
          response.status,
          `refused, yet ${watchesDraft ? 'the draft version' : 'the number of proposals'} went from ${before} to ${after}`,
          text,
        );
      }
    }
    onProgress?.(report.requests);
  }
  return report;
}

/** The same cases for the same seed and document: a failure found once can be replayed. */
export function fuzzCases(target: FuzzTarget, operations: Operation[], count: number, seed: number): FuzzCase[] {
  return fc.sample(fuzzCaseArbitrary(target, operations), { numRuns: count, seed });
}

/** The callers tried for each operation, the most limited first, so each is attacked by whom it serves. */
export const CALLER_ORDER = ['bkm', 'lurah', 'camat', 'dinas', 'verifikator', 'bpkad', 'admin'];

/** Logs each caller in; the demo users of Balik Alam (Mandau) and the regency. */
export async function loginCallers(url: string, password: string): Promise<Record<string, string>> {
  const usernames: Record<string, string> = {
    bkm: 'bkm.14.03.09.1004',
    lurah: 'lurah.14.03.09.1004',
    camat: 'camat.14.03.09',
    dinas: 'dinas',
    verifikator: 'verifikator',
    bpkad: 'bpkad',
    admin: 'admin',
  };
  const tokens: Record<string, string> = {};
  for (const [caller, username] of Object.entries(usernames)) {
    const response = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (!response.ok) throw new Error(`cannot log ${username} in: ${response.status}`);
    tokens[caller] = ((await response.json()) as { accessToken: string }).accessToken;
  }
  return tokens;
}
