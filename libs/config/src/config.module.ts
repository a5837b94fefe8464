import { DynamicModule, Global, Inject, Module } from '@nestjs/common';
import { z } from 'zod';
import { baseEnvSchema, BaseEnv, parseEnv, ServiceName } from './service-config';

export const APP_ENV = Symbol('APP_ENV');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
/** Injects the validated environment of this service. */
export const InjectEnv = () => Inject(APP_ENV);

/** The one place that reads `process.env`: validated once, then injected where needed. */
@Global()
@Module({})
export class AlurConfigModule {
  static forService<S extends z.ZodType<BaseEnv> = typeof baseEnvSchema>(
    service: ServiceName,
    options: { schema?: S; env?: NodeJS.ProcessEnv } = {},
  ): DynamicModule {
    return {
      module: AlurConfigModule,
      providers: [
        // Parsed when the application is created, so that startService can report a bad variable cleanly.
        { provide: APP_ENV, useFactory: () => parseEnv(options.schema ?? baseEnvSchema, options.env ?? process.env) },
        { provide: SERVICE_NAME, useValue: service },
      ],
      exports: [APP_ENV, SERVICE_NAME],
    };
  }
}
