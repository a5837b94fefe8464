import { Controller, Get, HttpException, INestApplication, Module, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HttpRefusalFilter } from './http-refusal.filter';

@Controller()
class Refusals {
  @Get('throttled')
  throttled() {
    throw new HttpException(
      { statusCode: 429, message: 'Too many failed logins: wait 8 seconds and try again', retryAfterSeconds: 8 },
      429,
    );
  }

  @Get('line-full')
  lineFull() {
    throw new ServiceUnavailableException({ message: 'try again in a minute', retryAfterSeconds: 60 });
  }

  @Get('missing')
  missing() {
    throw new NotFoundException('Proposal not found');
  }

  @Get('vague')
  vague() {
    throw new ServiceUnavailableException({ message: 'later', retryAfterSeconds: 'soon' });
  }
}

@Module({ controllers: [Refusals] })
class RefusalsModule {}

describe('HttpRefusalFilter', () => {
  let app: INestApplication;
  let url: string;
  const get = async (path: string) => {
    const answer = await fetch(`${url}/${path}`);
    return { status: answer.status, retryAfter: answer.headers.get('retry-after'), body: await answer.json() };
  };

  beforeAll(async () => {
    app = await NestFactory.create(RefusalsModule, { logger: false });
    app.useGlobalFilters(new HttpRefusalFilter(app.getHttpAdapter()));
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(() => app?.close());

  it('says in Retry-After the wait a refusal names, and keeps its body', async () => {
    expect(await get('throttled')).toEqual({
      status: 429,
      retryAfter: '8',
      body: { statusCode: 429, message: 'Too many failed logins: wait 8 seconds and try again', retryAfterSeconds: 8 },
    });
    expect(await get('line-full')).toEqual({
      status: 503,
      retryAfter: '60',
      body: { message: 'try again in a minute', retryAfterSeconds: 60 },
    });
  });

  it('adds no Retry-After to a refusal that names no wait in whole seconds', async () => {
    expect(await get('missing')).toMatchObject({ status: 404, retryAfter: null, body: { message: 'Proposal not found' } });
    expect(await get('vague')).toMatchObject({ status: 503, retryAfter: null });
  });
});
