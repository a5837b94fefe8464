import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { startTracing, Tracing } from './tracing-setup';

/** Starts tracing when the service's providers are made, before it handles anything; exports what is buffered when it stops. */
@Injectable()
export class TracingLifecycle implements OnApplicationShutdown {
  private readonly tracing?: Tracing;

  constructor(@Inject(APP_ENV) env: BaseEnv, @Inject(SERVICE_NAME) service: string) {
    this.tracing = startTracing(service, env);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tracing?.shutdown();
  }
}
