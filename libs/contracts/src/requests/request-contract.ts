import { z } from 'zod';

/**
 * One request between the gateway and a service, declared once: the NATS pattern it travels on
 * (`<context>.<operation>`, prefixed per deployment), what it carries and what it answers. The
 * gateway validates its HTTP input with `request` and documents the route from both schemas; the
 * service parses the same `request` again (NATS is not trusted to carry only the gateway's words),
 * so the limits are the same everywhere. The console types its calls from the same declaration.
 *
 * `request` must parse its own output to the same value (no type-changing transforms): the gateway
 * sends what it parsed, and the service parses it once more.
 */
export interface RequestContract<Req extends z.ZodType = z.ZodType, Ans extends z.ZodType = z.ZodType> {
  readonly pattern: string;
  readonly request: Req;
  readonly answer: Ans;
}

/** What a handler receives: the request after parsing (defaults applied, text numbers converted). */
export type RequestOf<C extends RequestContract> = z.output<C['request']>;
/** What a caller may send. */
export type RequestInputOf<C extends RequestContract> = z.input<C['request']>;
/** What the service answers, as it arrives in JSON. */
export type AnswerOf<C extends RequestContract> = z.output<C['answer']>;

export function defineRequest<Req extends z.ZodType, Ans extends z.ZodType>(
  pattern: string,
  parts: { request: Req; answer: Ans },
): RequestContract<Req, Ans> {
  return Object.freeze({ pattern, request: parts.request, answer: parts.answer });
}

/** The answer of a request that answers nothing worth reading (`null` over the wire). */
export const NoAnswer = z.null();
