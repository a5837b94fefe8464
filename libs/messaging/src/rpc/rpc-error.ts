/** How a service's refusal crosses the wire: the HTTP status and body the gateway should answer with. */
export interface RpcErrorPayload {
  status: number;
  body: { statusCode: number; message: string | string[]; error?: string; [key: string]: unknown };
}

export function isRpcErrorPayload(value: unknown): value is RpcErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RpcErrorPayload).status === 'number' &&
    typeof (value as RpcErrorPayload).body === 'object'
  );
}
