// Checks docker-compose.yml without a Docker engine: what `docker compose up` would trip over late.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { baseEnvSchema, parseEnv } from '@alur/config';
import { natsAuthorizationConf, NATS_SERVICE_USERS } from '@alur/messaging';

const root = join(__dirname, '..', '..');

/** Every environment variable the apps read: the validated configuration schema itself. */
export const APP_ENV_VARS = Object.keys(baseEnvSchema.shape);

/** Each app service and the variable holding its HTTP port. */
export const APP_SERVICES = {
  gateway: 'GATEWAY_PORT',
  proposals: 'PROPOSALS_PORT',
  approvals: 'APPROVALS_PORT',
  disbursements: 'DISBURSEMENTS_PORT',
  notifications: 'NOTIFICATIONS_PORT',
} as const;

type AppName = keyof typeof APP_SERVICES;
const appNames = Object.keys(APP_SERVICES) as AppName[];
const INFRA_SERVICES = ['postgres', 'nats', 'redis'] as const;

interface ComposeService {
  image?: string;
  build?: { context?: string; dockerfile?: string; args?: Record<string, string> | string[] };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: Array<string | { target: number; published?: number | string }>;
  volumes?: Array<string | { type?: string; source?: string; target: string }>;
  healthcheck?: { test?: string | string[] };
  depends_on?: string[] | Record<string, { condition?: string }>;
  profiles?: string[];
}

// merge: true resolves the `<<: *anchor` keys compose relies on (not part of YAML 1.2 core).
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = compose.services;

function service(name: string): ComposeService {
  const found = services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environmentOf(name: string): Record<string, string> {
  const env = service(name).environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.split('=')[0], line.slice(line.indexOf('=') + 1)] as const)
    : Object.entries(env).map(([key, value]) => [key, value == null ? '' : String(value)] as const);
  return Object.fromEntries(entries);
}

function buildArgs(name: string): Record<string, string> {
  const args = service(name).build?.args ?? {};
  return Array.isArray(args) ? Object.fromEntries(args.map((a) => a.split('='))) : args;
}

function words(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  return Array.isArray(command) ? command : command.split(/\s+/);
}

/** The value following `flag` in a command line, e.g. `--appendonly yes`. */
function flagValue(command: string[], flag: string): string | undefined {
  const at = command.indexOf(flag);
  return at >= 0 ? command[at + 1] : undefined;
}

function volumeSource(name: string, target: string): string | undefined {
  for (const volume of service(name).volumes ?? []) {
    if (typeof volume === 'string') {
      const [source, to] = volume.split(':');
      if (to === target) return source;
    } else if (volume.target === target) {
      return volume.source;
    }
  }
  return undefined;
}

function urlHost(url: string): string {
  return new URL(interpolated(url)).hostname;
}

/** A sample value of a variable, URL-safe and as long as a generated secret, as `openssl rand -hex 32` would give. */
const sampleOf = (name: string) => `${name.toLowerCase()}-${'0'.repeat(64)}`;

/** A value as compose would pass it with every variable it names set to its sample. */
function interpolated(value: string): string {
  return value.replace(/\$\{(\w+)(?::[?-][^}]*)?\}/g, (_, name: string) => sampleOf(name));
}

/** The variable a value requires (`${NAME:?message}`), if it is exactly that. */
function requiredVariable(value: string | undefined): string | undefined {
  return /^\$\{(\w+):\?[^}]+\}$/.exec(value ?? '')?.[1];
}

describe('docker-compose.yml', () => {
  it('defines the infrastructure and the five app services', () => {
    for (const name of [...INFRA_SERVICES, 'mailpit', ...appNames]) {
      expect(services).toHaveProperty(name);
    }
  });

  describe.each(appNames)('app service %s', (name) => {
    const portVar = APP_SERVICES[name];

    it('builds infra/Dockerfile from the repository root for an app folder that exists', () => {
      const build = service(name).build;
      expect(build?.context).toBe('.');
      expect(build?.dockerfile).toBe('infra/Dockerfile');
      expect(existsSync(join(root, build!.dockerfile!))).toBe(true);
      expect(buildArgs(name).SERVICE).toBe(name);
      const appDirs = readdirSync(join(root, 'apps'), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
      expect(appDirs).toContain(name);
    });

    it('sets only variables of the configuration contract', () => {
      const unknown = Object.keys(environmentOf(name)).filter((key) => !APP_ENV_VARS.includes(key));
      expect(unknown).toEqual([]);
    });

    it(`sets DATABASE_URL, NATS_URL, REDIS_URL and ${portVar}`, () => {
      const env = environmentOf(name);
      for (const key of ['DATABASE_URL', 'NATS_URL', 'REDIS_URL', portVar]) {
        expect(env[key]).toBeTruthy();
      }
      expect(env[portVar]).toMatch(/^\d+$/);
    });

    it('listens on all interfaces inside its container', () => {
      expect(environmentOf(name).HTTP_HOST).toBe('0.0.0.0');
    });

    it('points its connection URLs at compose services', () => {
      const env = environmentOf(name);
      expect(urlHost(env.DATABASE_URL)).toBe('postgres');
      expect(urlHost(env.NATS_URL)).toBe('nats');
      expect(urlHost(env.REDIS_URL)).toBe('redis');
      expect(urlHost(env.SMTP_URL)).toBe('mailpit');
    });

    it(`health-checks /health on ${portVar}`, () => {
      const test = words(service(name).healthcheck?.test).join(' ');
      const port = /http:\/\/127\.0\.0\.1:(\d+)\/health\b/.exec(test)?.[1];
      expect(port).toBe(environmentOf(name)[portVar]);
    });

    it('waits for healthy postgres, nats and redis', () => {
      const dependsOn = service(name).depends_on;
      expect(dependsOn).toBeDefined();
      expect(Array.isArray(dependsOn)).toBe(false);
      for (const infra of INFRA_SERVICES) {
        expect((dependsOn as Record<string, { condition?: string }>)[infra]?.condition).toBe('service_healthy');
        expect(service(infra).healthcheck?.test).toBeDefined();
      }
    });
  });

  it('publishes the gateway on its GATEWAY_PORT and no other app port', () => {
    const gatewayPort = environmentOf('gateway').GATEWAY_PORT;
    const ports = service('gateway').ports ?? [];
    expect(ports).toHaveLength(1);
    const [mapping] = ports;
    const containerPort = typeof mapping === 'string' ? mapping.split(':').pop() : String(mapping.target);
    expect(containerPort).toBe(gatewayPort);
    for (const name of appNames.filter((n) => n !== 'gateway')) {
      expect(service(name).ports ?? []).toEqual([]);
    }
  });

  it('gives each app its own port', () => {
    const ports = appNames.map((name) => environmentOf(name)[APP_SERVICES[name]]);
    expect(new Set(ports).size).toBe(appNames.length);
  });

  it('uses the postgres password and database in DATABASE_URL', () => {
    const pg = environmentOf('postgres');
    const match = /^postgres:\/\/([^:@]+):(.+)@postgres:5432\/(\w+)$/.exec(environmentOf('gateway').DATABASE_URL);
    expect(match).not.toBeNull();
    const [, user, password, database] = match!;
    expect(user).toBe(pg.POSTGRES_USER ?? 'postgres');
    expect(password).toBe(pg.POSTGRES_PASSWORD);
    expect(database).toBe(pg.POSTGRES_DB);
  });

  it('runs redis with noeviction and append-only persistence, as BullMQ needs', () => {
    const command = words(service('redis').command);
    expect(flagValue(command, '--maxmemory-policy')).toBe('noeviction');
    expect(flagValue(command, '--appendonly')).toBe('yes');
  });

  it('starts nats from the mounted infra/nats/nats.conf with JetStream on the data volume', () => {
    const command = words(service('nats').command);
    const configPath = flagValue(command, '-c') ?? flagValue(command, '--config');
    expect(configPath).toBeDefined();
    const source = volumeSource('nats', configPath!);
    expect(source).toBe('./infra/nats/nats.conf');
    const config = readFileSync(join(root, source!), 'utf8');
    const storeDir = /jetstream\s*\{[^}]*store_dir:\s*"?([^\s"]+)/.exec(config)?.[1];
    expect(storeDir).toBeDefined();
    expect(volumeSource('nats', storeDir!)).toBeDefined();
  });

  it.each(appNames)('connects %s to NATS as its own user, with a password compose requires and nats.conf reads', (name) => {
    const env = environmentOf(name);
    expect(env.NATS_USER).toBe(name);
    const variable = requiredVariable(env.NATS_PASSWORD);
    expect(variable).toBe(`NATS_${name.toUpperCase()}_PASSWORD`);
    expect(requiredVariable(environmentOf('nats')[variable!])).toBe(variable);
    // The apps' configuration accepts what compose gives them.
    expect(parseEnv(baseEnvSchema, Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolated(v)])))).toMatchObject({
      NATS_USER: name,
    });
  });

  it('gives each NATS user in nats.conf exactly the subjects natsPermissionsOf grants it', () => {
    const config = readFileSync(join(root, 'infra/nats/nats.conf'), 'utf8');
    const { NATS_SUBJECT_PREFIX: prefix, NATS_STREAM: stream } = environmentOf('gateway');
    const expected = natsAuthorizationConf(prefix, stream, (user) => `$NATS_${user.toUpperCase()}_PASSWORD`);
    expect(config.slice(config.indexOf('authorization {'))).toBe(expected);
    expect(config.match(/authorization\s*\{/g)).toHaveLength(1);
    for (const user of NATS_SERVICE_USERS) expect(expected).toContain(`user: "${user}"`);
  });

  it('runs redis with a required password that the apps and the healthcheck use', () => {
    const command = words(service('redis').command);
    const variable = requiredVariable(flagValue(command, '--requirepass'));
    expect(variable).toBe('REDIS_PASSWORD');
    expect(requiredVariable(environmentOf('redis').REDISCLI_AUTH)).toBe(variable);
    for (const name of appNames) {
      const url = new URL(interpolated(environmentOf(name).REDIS_URL));
      expect(url.password).toBe(sampleOf(variable!));
    }
  });

  it('refuses to start without JWT_SECRET rather than use a default', () => {
    expect(environmentOf('gateway').JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?.+\}$/);
  });
});

describe('docker-compose.yml profile "replicas"', () => {
  const twinOf = (name: AppName) => `${name}-2`;

  it('leaves one replica of each service in a plain `docker compose up`', () => {
    for (const name of [...INFRA_SERVICES, ...appNames]) expect(service(name).profiles).toBeUndefined();
  });

  it.each(appNames)('adds a second %s, built and configured as the first', (name) => {
    const twin = service(twinOf(name));
    expect(twin.profiles).toEqual(['replicas']);
    expect(twin.build).toEqual(service(name).build);
    expect(twin.image).toBe(service(name).image);
    expect(environmentOf(twinOf(name))).toEqual(environmentOf(name));
    expect(twin.healthcheck?.test).toEqual(service(name).healthcheck?.test);
    expect(twin.depends_on).toEqual(service(name).depends_on);
  });

  it('publishes the second gateway on a host port of its own and no other replica', () => {
    const hostPorts = (name: string) =>
      (service(name).ports ?? []).map((p) => (typeof p === 'string' ? p.split(':')[0] : String(p.published)));
    const [published] = hostPorts('gateway-2');
    expect(hostPorts('gateway-2')).toHaveLength(1);
    expect(published).not.toBe(hostPorts('gateway')[0]);
    for (const name of appNames.filter((n) => n !== 'gateway')) expect(service(twinOf(name)).ports ?? []).toEqual([]);
  });
});
