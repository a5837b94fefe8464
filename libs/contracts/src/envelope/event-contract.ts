import { z } from 'zod';

/**
 * A versioned event contract. The subject is `<prefix>.<context>.<name>.v<version>`; the prefix is
 * configuration (`NATS_SUBJECT_PREFIX`, `alur` by default) so that test runs use their own subjects.
 * A breaking change to a payload is a new version, published beside the old one until every consumer moved.
 */
export interface EventContract<S extends z.ZodType = z.ZodType> {
  /** `<context>.<name>`, e.g. `proposals.proposal-submitted`. */
  readonly type: string;
  readonly version: number;
  readonly aggregateType: string;
  readonly schema: S;
  /** The subject without the configurable prefix, e.g. `proposals.proposal-submitted.v1`. */
  readonly pattern: string;
}
export type PayloadOf<C extends EventContract> = z.infer<C['schema']>;

export function defineEvent<S extends z.ZodType>(definition: {
  context: string;
  name: string;
  version: number;
  aggregateType: string;
  schema: S;
}): EventContract<S> {
  const type = `${definition.context}.${definition.name}`;
  return Object.freeze({
    type,
    version: definition.version,
    aggregateType: definition.aggregateType,
    schema: definition.schema,
    pattern: `${type}.v${definition.version}`,
  });
}

export function subjectFor(prefix: string, contract: Pick<EventContract, 'pattern'>): string {
  return `${prefix}.${contract.pattern}`;
}
