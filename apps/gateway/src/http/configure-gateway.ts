import { INestApplication } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import type { Application } from 'express';
import helmet from 'helmet';
import { BodyRefusalFilter } from './body-refusal.filter';
import { HttpRefusalFilter } from './http-refusal.filter';
import { compressSmallAnswers } from './compress-small-answers';
import { serveWebConsole } from './serve-web-console';

export const API_DOCS_PATH = 'api/docs';

/**
 * What the gateway adds to a service app: compressed answers (brotli or gzip, as the client accepts;
 * the console's script shrinks to about a third on a slow phone link; the API's answers of moderate size in one
 * call, the rest streamed), security headers on every answer, and the OpenAPI
 * description at /api/docs (JSON at /api/docs-json). Also used by tests that build the app in-process.
 */
export function configureGateway(app: INestApplication): void {
  const env = app.get<BaseEnv>(APP_ENV);
  // The client's address (@Ip(): login throttling, the audit trail) past the proxies the configuration names.
  (app.getHttpAdapter().getInstance() as Application).set('trust proxy', env.GATEWAY_TRUSTED_PROXY_HOPS);
  app.use(compressSmallAnswers());
  app.use(compression());
  app.use(helmet());
  // Nest tries global filters last-registered first: the catch-all goes first so the 400 filter is asked before it.
  app.useGlobalFilters(new HttpRefusalFilter(app.getHttpAdapter()), new BodyRefusalFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Alur API')
      .setDescription('Community grant proposals (usulan) from the BKM to the regency treasury. Log in at POST /api/v1/auth/login.')
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      // Every route needs a token unless it says otherwise (login, health).
      .addSecurityRequirements('bearer')
      .build(),
  );
  SwaggerModule.setup(API_DOCS_PATH, app, document, { jsonDocumentUrl: `${API_DOCS_PATH}-json` });
  // The web console (apps/web), when it has been built.
  serveWebConsole(app, env.TIMEZONE);
}
