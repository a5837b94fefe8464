import { ArgumentsHost, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import { lastValueFrom, Observable } from 'rxjs';
import { ConflictError, DomainError, ForbiddenError, InvalidInputError, NotFoundError } from '@alur/contracts';
import { refusalAnswerOf } from './refusal-answer';
import { RpcExceptionFilter } from './rpc-exception.filter';

/** The bytes a client reads: key order included, as JSON carries it over NATS and out of the gateway. */
const bytesOf = (body: unknown) => JSON.stringify(body);

describe('refusalAnswerOf: each domain refusal as a status and a body', () => {
  it('answers a plain refusal as NestJS answered an exception made from its message', () => {
    const cases: Array<[DomainError, number, unknown]> = [
      [new NotFoundError('No proposal p-1'), 404, new NotFoundException('No proposal p-1').getResponse()],
      [
        new ConflictError('A proposal in status DRAFT cannot become APPROVED'),
        409,
        new ConflictException('A proposal in status DRAFT cannot become APPROVED').getResponse(),
      ],
      [new ForbiddenError('Only BKM may do this'), 403, new ForbiddenException('Only BKM may do this').getResponse()],
    ];
    for (const [refusal, status, before] of cases) {
      const answer = refusalAnswerOf(refusal);
      expect(answer.status).toBe(status);
      expect(bytesOf(answer.body)).toBe(bytesOf(before));
    }
    expect(refusalAnswerOf(new NotFoundError('No proposal p-1')).body).toEqual({
      message: 'No proposal p-1',
      error: 'Not Found',
      statusCode: 404,
    });
  });

  it('answers a refusal with a code, and fields, with the code first named after the reason phrase', () => {
    expect(bytesOf(refusalAnswerOf(new ForbiddenError('You prepared this SPM yourself', { code: 'SAME_OFFICIAL' })).body)).toBe(
      bytesOf({ statusCode: 403, message: 'You prepared this SPM yourself', error: 'Forbidden', code: 'SAME_OFFICIAL' }),
    );
    const changed = new ConflictError('The SPM changed', {
      code: 'SPM_CHANGED',
      errors: [{ field: 'sp2dNumber', reason: 'the prepared SPM is for X' }],
    });
    expect(refusalAnswerOf(changed).status).toBe(409);
    expect(bytesOf(refusalAnswerOf(changed).body)).toBe(
      bytesOf({
        statusCode: 409,
        message: 'The SPM changed',
        error: 'Conflict',
        code: 'SPM_CHANGED',
        errors: [{ field: 'sp2dNumber', reason: 'the prepared SPM is for X' }],
      }),
    );
    // Fields of a conflict are passed on as given: no code is made up for them.
    expect(
      bytesOf(refusalAnswerOf(new ConflictError('SP2D taken', { errors: [{ field: 'sp2dNumber', reason: 'was already used' }] })).body),
    ).toBe(
      bytesOf({ statusCode: 409, message: 'SP2D taken', error: 'Conflict', errors: [{ field: 'sp2dNumber', reason: 'was already used' }] }),
    );
  });

  it('answers invalid input as the one 400 shape, every field with a code (`invalid` when it names none)', () => {
    const answer = refusalAnswerOf(
      new InvalidInputError([
        { field: 'programCode', reason: 'has no published programme of this code' },
        { field: 'version', reason: 'is required', code: 'required' },
      ]),
    );
    expect(answer.status).toBe(400);
    expect(bytesOf(answer.body)).toBe(
      bytesOf({
        statusCode: 400,
        message: 'Validation failed',
        errors: [
          { field: 'programCode', reason: 'has no published programme of this code', code: 'invalid' },
          { field: 'version', reason: 'is required', code: 'required' },
        ],
      }),
    );
  });
});

describe('RpcExceptionFilter', () => {
  const rpcHost = { getType: () => 'rpc' } as unknown as ArgumentsHost;

  async function payloadOf(exception: unknown) {
    const answer = new RpcExceptionFilter().catch(exception, rpcHost) as Observable<never>;
    return lastValueFrom(answer).catch((payload: unknown) => payload);
  }

  it('sends a domain refusal back as its mapped status and body', async () => {
    const refusal = new ConflictError('This stage is already APPROVED', { code: 'stage_decided' });
    expect(await payloadOf(refusal)).toEqual(refusalAnswerOf(refusal));
  });

  it('sends an HttpException of the transport as NestJS shapes it, and anything else as a bare 500', async () => {
    expect(await payloadOf(new ConflictException('x'))).toEqual({
      status: 409,
      body: { message: 'x', error: 'Conflict', statusCode: 409 },
    });
    expect(await payloadOf(new Error('secret detail'))).toEqual({
      status: 500,
      body: { statusCode: 500, message: 'Internal server error' },
    });
  });

  it('answers a domain refusal on the service’s own HTTP port the same way', () => {
    const sent: unknown[] = [];
    const response = { status: (code: number) => ({ json: (body: unknown) => sent.push(code, body) }) };
    const httpHost = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
    new RpcExceptionFilter().catch(new NotFoundError('No such thing'), httpHost);
    expect(sent).toEqual([404, { message: 'No such thing', error: 'Not Found', statusCode: 404 }]);
  });
});
