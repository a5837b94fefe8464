import { outboxWakeSubject } from '../outbox/outbox-partition';

/** The NATS users of the system: one per service, each with only the subjects its work needs. */
export const NATS_SERVICE_USERS = ['gateway', 'proposals', 'approvals', 'disbursements', 'notifications'] as const;
export type NatsServiceUser = (typeof NATS_SERVICE_USERS)[number];

/** The event context each service publishes (its outbox's events); the gateway's are the user directory's. */
const PUBLISHED_CONTEXT: Record<NatsServiceUser, string> = {
  gateway: 'identity',
  proposals: 'proposals',
  approvals: 'approvals',
  disbursements: 'disbursements',
  notifications: 'notifications',
};

export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
}

/**
 * What one service may publish and subscribe to on the NATS server (`authorization.users[].permissions`):
 * - its own events only (`<prefix>.<its context>.>`), published through JetStream;
 * - requests: the gateway asks every service (`rpc.<prefix>.>`); a domain service only answers its own
 *   (`rpc.<prefix>.<service>.>`, queue group), replying through `allow_responses`;
 * - its outbox's wake-up (`outbox.<prefix>.<service>`, core NATS): every replica sends it after a commit
 *   that recorded events and every replica's relay hears it;
 * - the JetStream API for the event stream and its own durable consumer (named after the service);
 * - `_INBOX.>` for the replies to its own requests and the messages its pull consumer fetches.
 */
export function natsPermissionsOf(service: NatsServiceUser, prefix: string, stream: string): NatsPermissions {
  const api = '$JS.API';
  const jetStream = [
    `${api}.INFO`,
    `${api}.STREAM.INFO.${stream}`,
    `${api}.STREAM.CREATE.${stream}`,
    `${api}.STREAM.UPDATE.${stream}`,
    `${api}.STREAM.MSG.GET.${stream}`,
  ];
  const ownConsumer =
    service === 'gateway'
      ? []
      : [
          `${api}.CONSUMER.INFO.${stream}.${service}`,
          `${api}.CONSUMER.DELETE.${stream}.${service}`,
          `${api}.CONSUMER.CREATE.${stream}.${service}`,
          `${api}.CONSUMER.CREATE.${stream}.${service}.>`,
          `${api}.CONSUMER.DURABLE.CREATE.${stream}.${service}`,
          `${api}.CONSUMER.MSG.NEXT.${stream}.${service}`,
          `$JS.ACK.${stream}.${service}.>`,
        ];
  return {
    publish: [
      `${prefix}.${PUBLISHED_CONTEXT[service]}.>`,
      ...(service === 'gateway' ? [`rpc.${prefix}.>`] : []),
      outboxWakeSubject(prefix, service),
      ...jetStream,
      ...ownConsumer,
      '_INBOX.>',
    ],
    subscribe: [...(service === 'gateway' ? [] : [`rpc.${prefix}.${service}.>`]), outboxWakeSubject(prefix, service), '_INBOX.>'],
  };
}

/** The user of a deployment's job that creates or updates the event stream (its replicas, limits): the stream's API and nothing else. */
export const NATS_STREAM_ADMIN_USER = 'stream-admin';

export function natsStreamAdminPermissionsOf(stream: string): NatsPermissions {
  return { publish: ['$JS.API.INFO', `$JS.API.STREAM.*.${stream}`, '$JS.API.STREAM.NAMES', '_INBOX.>'], subscribe: ['_INBOX.>'] };
}

/**
 * The `authorization` block of a nats-server configuration: a user per service (and, with
 * `streamAdminPassword`, the stream job's), each password as `passwordOf` writes it (a `$VARIABLE`
 * the server reads from its environment, in the deployments).
 */
export function natsAuthorizationConf(
  prefix: string,
  stream: string,
  passwordOf: (service: NatsServiceUser) => string,
  streamAdminPassword?: string,
): string {
  const list = (subjects: string[]) => `[${subjects.map((s) => JSON.stringify(s)).join(', ')}]`;
  const user = (name: string, password: string, { publish, subscribe }: NatsPermissions, allowResponses: boolean) =>
    [
      `    {`,
      `      user: ${JSON.stringify(name)}`,
      `      password: ${password}`,
      `      permissions: {`,
      `        publish: { allow: ${list(publish)} }`,
      `        subscribe: { allow: ${list(subscribe)} }`,
      ...(allowResponses ? [`        allow_responses: true`] : []),
      `      }`,
      `    }`,
    ].join('\n');
  const users = NATS_SERVICE_USERS.map((service) =>
    user(service, passwordOf(service), natsPermissionsOf(service, prefix, stream), service !== 'gateway'),
  );
  if (streamAdminPassword) users.push(user(NATS_STREAM_ADMIN_USER, streamAdminPassword, natsStreamAdminPermissionsOf(stream), false));
  return `authorization {\n  users: [\n${users.join('\n')}\n  ]\n}\n`;
}
