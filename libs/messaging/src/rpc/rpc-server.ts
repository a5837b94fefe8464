import { NatsOptions, ServerNats } from '@nestjs/microservices';
import { rpcSubject } from './rpc-subject';

type NatsServerOptions = Required<NatsOptions>['options'];

/**
 * The built-in NATS transport, listening on prefixed subjects so that each deployment (and each
 * test run) answers only its own requests. Handlers keep their plain `@MessagePattern('x.y')`.
 */
export class PrefixedNatsServer extends ServerNats {
  constructor(
    private readonly prefix: string,
    private readonly serverOptions: NatsServerOptions,
  ) {
    super(serverOptions);
  }

  /**
   * A request's handler, found by its pattern as it is: ours are plain dotted names, which Nest's lookup
   * first tries to read as JSON, throwing and catching a SyntaxError (with its stack) on every request.
   */
  override getHandlerByPattern(pattern: string): ReturnType<ServerNats['getHandlerByPattern']> {
    return this.messageHandlers.get(pattern) ?? super.getHandlerByPattern(pattern);
  }

  override bindEvents(client: { subscribe: (subject: string, options: object) => unknown }): void {
    for (const [pattern, handler] of this.messageHandlers) {
      client.subscribe(rpcSubject(this.prefix, pattern), {
        queue: handler.extras?.queue ?? this.serverOptions.queue,
        callback: this.getMessageHandler(pattern).bind(this),
      });
    }
  }
}
