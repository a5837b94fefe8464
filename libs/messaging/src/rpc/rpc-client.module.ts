import { Global, Module } from '@nestjs/common';
import { RpcClient } from './rpc-client';

/** One request/reply client (one NATS connection) for the whole gateway, whatever feature asks. */
@Global()
@Module({ providers: [RpcClient], exports: [RpcClient] })
export class RpcClientModule {}
