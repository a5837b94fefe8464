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
      ...jetStream,
      ...ownConsumer,
      '_INBOX.>',
    ],
    subscribe: [...(service === 'gateway' ? [] : [`rpc.${prefix}.${service}.>`]), '_INBOX.>'],
  };
}

/** The `authorization` block of a nats-server configuration: a user per service, its password from `passwordOf`. */
export function natsAuthorizationConf(prefix: string, stream: string, passwordOf: (service: NatsServiceUser) => string): string {
  const list = (subjects: string[]) => `[${subjects.map((s) => JSON.stringify(s)).join(', ')}]`;
  const users = NATS_SERVICE_USERS.map((service) => {
    const { publish, subscribe } = natsPermissionsOf(service, prefix, stream);
    return [
      `    {`,
      `      user: ${service}`,
      `      password: ${passwordOf(service)}`,
      `      permissions: {`,
      `        publish: { allow: ${list(publish)} }`,
      `        subscribe: { allow: ${list(subscribe)} }`,
      ...(service === 'gateway' ? [] : [`        allow_responses: true`]),
      `      }`,
      `    }`,
    ].join('\n');
  });
  return `authorization {\n  users: [\n${users.join('\n')}\n  ]\n}\n`;
}
