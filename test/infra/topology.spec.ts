// Checks the production topology in infra/ without a cluster: kustomize's references resolve, each
// manifest has the shape its kind requires, and the parts agree with each other and with the apps'
// configuration schema (ports, stream, subjects, Redis persistence).
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { baseEnvSchema, parseEnv, portOf, SERVICE_PORTS, ServiceName } from '@alur/config';
import { DUPLICATE_WINDOW_MS, NATS_SERVICE_USERS, NATS_STREAM_ADMIN_USER, natsAuthorizationConf } from '@alur/messaging';
import { METRICS_PORT_OFFSET } from '@alur/metrics';

const root = join(__dirname, '..', '..');
const k8s = join(root, 'infra', 'k8s');
const read = (path: string) => readFileSync(path, 'utf8');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
}

/** The apiVersion each kind in infra/k8s must use (current, non-deprecated APIs). */
const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  ConfigMap: 'v1',
  Service: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  Job: 'batch/v1',
  PodDisruptionBudget: 'policy/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  Ingress: 'networking.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
};

const kustomization = parseAllDocuments(read(join(k8s, 'kustomization.yaml')))[0].toJS() as {
  apiVersion: string;
  kind: string;
  namespace: string;
  resources: string[];
  configMapGenerator: Array<{ name: string; files: string[] }>;
  images: Array<{ name: string; newTag: string }>;
};

function manifestsOf(file: string): Manifest[] {
  return parseAllDocuments(read(join(k8s, file))).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Manifest;
  });
}
const manifests = kustomization.resources.flatMap((file) => manifestsOf(file).map((m) => ({ ...m, file })));
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const generated = kustomization.configMapGenerator.map((generator) => generator.name);
const appConfig = find('ConfigMap', 'alur-config')!.data!;
const appNames = Object.keys(SERVICE_PORTS) as ServiceName[];

/** key=path or path, as configMapGenerator lists files. */
const generatorFile = (entry: string) => entry.slice(entry.indexOf('=') + 1);
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('infra/k8s kustomization', () => {
  it('is a kustomization for the alur namespace', () => {
    expect(kustomization.apiVersion).toBe('kustomize.config.k8s.io/v1beta1');
    expect(kustomization.kind).toBe('Kustomization');
    expect(kustomization.namespace).toBe('alur');
    expect(find('Namespace', 'alur')).toBeDefined();
  });

  it('lists resources and generator files that exist inside its folder (kustomize refuses ../)', () => {
    const files = [...kustomization.resources, ...kustomization.configMapGenerator.flatMap((g) => g.files.map(generatorFile))];
    for (const file of files) {
      expect(normalize(file).startsWith('..')).toBe(false);
      expect(existsSync(join(k8s, file))).toBe(true);
    }
  });

  it('gives every manifest the apiVersion of its kind, a name and no namespace of its own', () => {
    for (const manifest of manifests) {
      expect([manifest.file, manifest.kind, manifest.apiVersion]).toEqual([manifest.file, manifest.kind, API_VERSIONS[manifest.kind]]);
      expect(manifest.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect((manifest.metadata as { namespace?: string }).namespace).toBeUndefined();
    }
    const names = manifests.map((m) => `${m.kind}/${m.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it('mounts only ConfigMaps it defines or generates', () => {
    const defined = new Set([...generated, ...manifests.filter((m) => m.kind === 'ConfigMap').map((m) => m.metadata.name)]);
    for (const manifest of manifests) {
      const pod = manifest.spec?.template?.spec;
      if (!pod) continue;
      const volumes = (pod.volumes ?? []).filter((v: any) => v.configMap).map((v: any) => v.configMap.name);
      const envFrom = (pod.containers ?? [])
        .flatMap((c: any) => c.envFrom ?? [])
        .filter((e: any) => e.configMapRef)
        .map((e: any) => e.configMapRef.name);
      for (const name of [...volumes, ...envFrom])
        expect([manifest.metadata.name, name, defined.has(name)]).toEqual([manifest.metadata.name, name, true]);
    }
  });

  it('pins an image entry for each service', () => {
    expect(kustomization.images.map((image) => image.name).sort()).toEqual(appNames.map((name) => `alur/${name}`).sort());
  });
});

describe('infra/k8s app configuration', () => {
  it('is a valid production configuration once the Secret adds DATABASE_URL and JWT_SECRET', () => {
    const env = parseEnv(baseEnvSchema, { ...appConfig, DATABASE_URL: 'postgres://alur:x@db:5432/alur', JWT_SECRET: 'x'.repeat(32) });
    expect(env.NODE_ENV).toBe('production');
    expect(env.HTTP_HOST).toBe('0.0.0.0');
    for (const key of Object.keys(appConfig)) expect(Object.keys(baseEnvSchema.shape)).toContain(key);
  });

  it('keeps secrets out of the ConfigMap', () => {
    for (const key of ['JWT_SECRET', 'RPC_ASSERTION_SECRET', 'SMS_GATEWAY_SECRET', 'DATABASE_URL'])
      expect(appConfig).not.toHaveProperty(key);
  });
});

describe.each(appNames)('infra/k8s service %s', (name) => {
  const deployment = find('Deployment', name)!;
  const pod = deployment?.spec.template.spec;
  const container = pod?.containers[0];
  const env = parseEnv(baseEnvSchema, { ...appConfig, DATABASE_URL: 'postgres://a@b/c', JWT_SECRET: 'x'.repeat(32) });
  const portNamed = (portName: string) => container.ports.find((p: any) => p.name === portName)?.containerPort;

  it('runs at least two replicas whose selector matches their pods', () => {
    expect(deployment).toBeDefined();
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(matches(deployment.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    expect(deployment.spec.template.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': 'alur' });
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('listens on its configured port and serves metrics on the port the service derives', () => {
    expect(portNamed('http')).toBe(portOf(env, name));
    expect(portNamed('metrics')).toBe(portOf(env, name) + METRICS_PORT_OFFSET);
    expect(container.image).toBe(`alur/${name}`);
    expect(container.envFrom).toEqual([{ configMapRef: { name: 'alur-config' } }, { secretRef: { name: 'alur-secrets' } }]);
  });

  it('has startup and readiness probes on /health and a liveness probe that does not depend on the database', () => {
    for (const probe of ['startupProbe', 'readinessProbe']) expect(container[probe].httpGet).toEqual({ path: '/health', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/metrics', port: 'metrics' });
  });

  it('requests CPU and memory and caps memory', () => {
    expect(container.resources.requests.cpu).toMatch(/^\d+m$/);
    expect(container.resources.requests.memory).toMatch(/^\d+Mi$/);
    expect(container.resources.limits.memory).toMatch(/^\d+Mi$/);
  });

  it('exposes only its HTTP port through its Service', () => {
    const service = find('Service', name)!;
    expect(service.spec.ports).toEqual([{ name: 'http', port: portOf(env, name), targetPort: 'http' }]);
    expect(matches(service.spec.selector, deployment.spec.template.metadata.labels)).toBe(true);
  });

  it('keeps a replica through voluntary disruptions and scales horizontally', () => {
    const budget = find('PodDisruptionBudget', name)!;
    expect(budget.spec.minAvailable).toBe(1);
    expect(matches(budget.spec.selector.matchLabels, deployment.spec.template.metadata.labels)).toBe(true);
    const scaler = find('HorizontalPodAutoscaler', name)!;
    expect(scaler.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
    expect(scaler.spec.minReplicas).toBe(deployment.spec.replicas);
    expect(scaler.spec.maxReplicas).toBeGreaterThan(scaler.spec.minReplicas);
    expect(scaler.spec.metrics[0].resource.name).toBe('cpu');
  });
});

describe('infra/k8s public entry', () => {
  it('routes the Ingress to the gateway HTTP port only', () => {
    const ingress = find('Ingress', 'gateway')!;
    const backends = ingress.spec.rules.flatMap((rule: any) => rule.http.paths.map((path: any) => path.backend.service));
    expect(backends).toEqual([{ name: 'gateway', port: { name: 'http' } }]);
  });

  it('lets only Prometheus reach metrics ports and nothing reach the domain services over HTTP', () => {
    const policy = find('NetworkPolicy', 'alur-services')!;
    expect(policy.spec.podSelector.matchExpressions[0].values.sort()).toEqual(appNames.filter((n) => n !== 'gateway').sort());
    const ports = policy.spec.ingress.flatMap((rule: any) => rule.ports.map((port: any) => port.port));
    expect(ports).toEqual(['metrics']);
  });
});

describe('infra/k8s NATS', () => {
  const statefulSet = find('StatefulSet', 'nats')!;
  const config = read(join(k8s, 'nats', 'nats-cluster.conf'));
  const stream = JSON.parse(read(join(k8s, 'nats', 'alur-stream.json')));

  it('is a three-node JetStream cluster whose routes name the StatefulSet pods', () => {
    expect(statefulSet.spec.replicas).toBe(3);
    const headless = find('Service', statefulSet.spec.serviceName)!;
    expect(headless.spec.clusterIP).toBe('None');
    const routes = [...config.matchAll(/nats:\/\/([a-z0-9.-]+):6222/g)].map((m) => m[1]);
    expect(routes).toEqual([0, 1, 2].map((i) => `nats-${i}.${statefulSet.spec.serviceName}`));
    expect(config).toMatch(/jetstream\s*\{[^}]*store_dir:\s*\/data\//);
    const mounts = statefulSet.spec.template.spec.containers[0].volumeMounts.map((m: any) => m.mountPath);
    expect(mounts).toContain('/data');
    expect(statefulSet.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(find('PodDisruptionBudget', 'nats')!.spec.maxUnavailable).toBe(1);
  });

  it('keeps the stream the services use on three replicas, with their subjects and duplicate window', () => {
    expect(stream.name).toBe(appConfig.NATS_STREAM);
    expect(stream.subjects).toEqual([`${appConfig.NATS_SUBJECT_PREFIX}.>`]);
    expect(stream.num_replicas).toBe(3);
    expect(stream.storage).toBe('file');
    expect(stream.duplicate_window).toBe(DUPLICATE_WINDOW_MS * 1_000_000);
    const job = find('Job', 'nats-stream-alur')!;
    expect(job.spec.template.spec.volumes[0].configMap.name).toBe('nats-stream');
    expect(job.spec.template.spec.containers[0].command.join(' ')).toContain('/etc/alur-stream/alur-stream.json');
  });

  it('is what the services connect to', () => {
    expect(new URL(appConfig.NATS_URL).hostname).toBe('nats');
    expect(find('Service', 'nats')!.spec.ports[0].port).toBe(4222);
  });

  /** Where a container's variable comes from: `secret/key` for a Secret's key, else its value. */
  const sourceOf = (container: any, name: string) => {
    const variable = (container.env ?? []).find((e: any) => e.name === name);
    const ref = variable?.valueFrom?.secretKeyRef;
    return ref ? `${ref.name}/${ref.key}` : variable?.value;
  };
  const passwordVariable = (user: string) => `NATS_${user.toUpperCase().replace(/-/g, '_')}_PASSWORD`;

  it('gives each NATS user exactly the subjects natsPermissionsOf grants it, with a password from the Secret', () => {
    const reference = (user: string) => `$${passwordVariable(user)}`;
    const expected = natsAuthorizationConf(
      appConfig.NATS_SUBJECT_PREFIX,
      appConfig.NATS_STREAM,
      reference,
      reference(NATS_STREAM_ADMIN_USER),
    );
    expect(config.slice(config.indexOf('authorization {'))).toBe(expected);
    const nats = statefulSet.spec.template.spec.containers[0];
    for (const user of [...NATS_SERVICE_USERS, NATS_STREAM_ADMIN_USER]) {
      expect([user, sourceOf(nats, passwordVariable(user))]).toEqual([user, `alur-nats-users/${user}`]);
    }
  });

  it.each(appNames)('connects %s as its own NATS user', (name) => {
    const container = find('Deployment', name)!.spec.template.spec.containers[0];
    expect(sourceOf(container, 'NATS_USER')).toBe(name);
    expect(sourceOf(container, 'NATS_PASSWORD')).toBe(`alur-nats-users/${name}`);
  });

  it('creates the stream as the stream-admin user, not as a service', () => {
    const container = find('Job', 'nats-stream-alur')!.spec.template.spec.containers[0];
    expect(sourceOf(container, 'NATS_USER')).toBe(NATS_STREAM_ADMIN_USER);
    expect(sourceOf(container, 'NATS_PASSWORD')).toBe(`alur-nats-users/${NATS_STREAM_ADMIN_USER}`);
    expect(sourceOf(container, 'NATS_URL')).toBe(appConfig.NATS_URL);
  });
});

describe('infra/k8s Redis', () => {
  const redisConf = read(join(k8s, 'redis', 'redis.conf'));
  const sentinelConf = read(join(k8s, 'redis', 'sentinel.conf'));
  const setting = (conf: string, key: string) => new RegExp(`^${key}\\s+(.+)$`, 'm').exec(conf)?.[1];

  it('persists with AOF and never evicts, as BullMQ needs', () => {
    expect(setting(redisConf, 'appendonly')).toBe('yes');
    expect(setting(redisConf, 'maxmemory-policy')).toBe('noeviction');
  });

  it('runs a master and two replicas watched by three sentinels that agree by two', () => {
    const statefulSet = find('StatefulSet', 'redis')!;
    expect(statefulSet.spec.replicas).toBe(3);
    expect(statefulSet.spec.template.spec.containers.map((c: any) => c.name)).toEqual(['redis', 'sentinel']);
    const [, master, host, port, quorum] = /^sentinel monitor (\S+) (\S+) (\d+) (\d+)$/m.exec(sentinelConf)!;
    expect(master).toBe('alur-redis');
    expect(Number(quorum)).toBe(2);
    const redisUrl = new URL(appConfig.REDIS_URL);
    expect(`${redisUrl.hostname}:${redisUrl.port}`).toBe(`${host}:${port}`);
  });

  it('points the services at the three sentinels and the master name they monitor', () => {
    const [, master] = /^sentinel monitor (\S+) /m.exec(sentinelConf)!;
    expect(appConfig.REDIS_SENTINEL_NAME).toBe(master);
    const sentinelPort = find('Service', 'redis')!.spec.ports.find((p: any) => p.name === 'sentinel').port;
    expect(appConfig.REDIS_SENTINELS.split(',')).toEqual([0, 1, 2].map((i) => `redis-${i}.redis:${sentinelPort}`));
  });
});
