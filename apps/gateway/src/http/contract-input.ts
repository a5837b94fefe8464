import { createParamDecorator, ExecutionContext, PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { z } from 'zod';
import { InvalidInputError, parseRequest, RequestContract } from '@alur/contracts';
import { unsafeInputErrors } from './unsafe-input';

/** How a route takes a request: which fields come from the path, and where the rest come from. */
export interface ContractInputOptions {
  /** `query` for reads, `body` for writes, `path` when the path parameters are the whole request. */
  from: 'query' | 'body' | 'path';
  /** Path parameters that are fields of the request, e.g. `['stageId']`. */
  params?: readonly string[];
  /** The HTTP input's own schema, where the gateway completes the request before sending it (default: the contract's). */
  schema?: z.ZodType;
  /** Leave the answer out of the OpenAPI document: the route answers something other than the contract's answer. */
  ownAnswer?: boolean;
}

/** The path parameters named, with the query or the body of the request: one object to validate. */
const RawRequestInput = createParamDecorator((from: Pick<ContractInputOptions, 'from' | 'params'>, context: ExecutionContext): unknown => {
  const request = context.switchToHttp().getRequest<Request>();
  const params = from.params ?? [];
  const source: unknown = from.from === 'query' ? request.query : from.from === 'body' ? (request.body ?? {}) : {};
  if (typeof source !== 'object' || source === null || Array.isArray(source)) {
    throw new InvalidInputError([{ field: '(body)', reason: 'must be a JSON object', code: 'invalid_type' }]);
  }
  const fromPath = Object.fromEntries(
    params.filter((name) => request.params[name] !== undefined).map((name) => [name, request.params[name]]),
  );
  return { ...source, ...fromPath };
});

/** Input no validator should be handed (too deep, NUL, lone surrogates) is refused first; then the schema decides. */
class ContractInputPipe implements PipeTransform {
  constructor(private readonly schema: z.ZodType) {}

  transform(value: unknown): unknown {
    const unsafe = unsafeInputErrors(value);
    if (unsafe.length) throw new InvalidInputError(unsafe);
    return parseRequest(this.schema, value);
  }
}

/** A schema as OpenAPI 3.0 describes it; what JSON cannot show (a transform's output) is left open. */
export function openApiSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _, ...described } = z.toJSONSchema(schema, { target: 'openapi-3.0', io, unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return described;
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

/**
 * The route's input, validated by the request's contract (or the route's own schema): the handler
 * receives the parsed request, ready to send. The route's OpenAPI entry (path parameters, query or
 * body, and the answer) is generated from the same schemas, so the document cannot drift from them.
 */
export function ContractInput(contract: RequestContract | null, options: ContractInputOptions): ParameterDecorator {
  const schema = options.schema ?? contract?.request;
  if (!schema) throw new Error('ContractInput needs a contract or a schema');
  const params = options.params ?? [];
  const validated = RawRequestInput({ from: options.from, params }, new ContractInputPipe(schema));
  return (target, key, index) => {
    validated(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key)!;
    documentInput(schema, options.from, params, target, key, descriptor);
    if (contract && !options.ownAnswer) documentAnswer(target, key, contract.answer);
  };
}

function documentInput(
  schema: z.ZodType,
  from: ContractInputOptions['from'],
  params: readonly string[],
  target: object,
  key: string | symbol,
  descriptor: PropertyDescriptor,
): void {
  const shape = shapeOf(schema);
  for (const name of params)
    ApiParam({ name, required: true, schema: shape[name] ? openApiSchemaOf(shape[name], 'input') : { type: 'string' } })(
      target,
      key,
      descriptor,
    );
  if (from === 'path') return;
  const rest = Object.entries(shape).filter(([name]) => !params.includes(name));
  if (from === 'query') {
    for (const [name, field] of rest)
      ApiQuery({ name, required: !field.safeParse(undefined).success, schema: openApiSchemaOf(field, 'input') })(target, key, descriptor);
    return;
  }
  // The body is the request without its path parameters (cut from the JSON schema: refinements forbid zod's omit).
  const body = openApiSchemaOf(schema, 'input') as { properties?: Record<string, object>; required?: string[] };
  for (const name of params) delete body.properties?.[name];
  if (body.required) body.required = body.required.filter((name) => !params.includes(name));
  ApiBody({ schema: body as SchemaObject })(target, key, descriptor);
}

/**
 * Swagger's metadata factory, the hook its compiler plugin uses: read when the document is built,
 * after every decorator has run, so the answer is filed under the route's real success status
 * (201 for a POST, or its @HttpCode) instead of a guess made before the method's decorators apply.
 */
const METADATA_FACTORY = '_OPENAPI_METADATA_FACTORY';

function documentAnswer(target: object, key: string | symbol, answer: z.ZodType): void {
  const controller = target.constructor as unknown as Record<string, (() => Record<string | symbol, object>) | undefined>;
  const earlier = Object.prototype.hasOwnProperty.call(controller, METADATA_FACTORY) ? controller[METADATA_FACTORY] : undefined;
  const schema = openApiSchemaOf(answer, 'output');
  controller[METADATA_FACTORY] = () => {
    const metadata = earlier?.() ?? {};
    return { ...metadata, [key]: { ...(metadata[key] ?? {}), schema } };
  };
}
