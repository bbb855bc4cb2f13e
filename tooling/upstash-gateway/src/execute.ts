import { RespError, type RespValue } from '@rl-internal/test-redis';
import { encodeResult, type UpstashJson } from './encode-result.ts';
import type { GatewayRequest } from './parse-request.ts';
import type { RedisPool } from './redis-pool.ts';

/** One entry of a `/pipeline` or `/multi-exec` response. */
export type UpstashEntry = { result: UpstashJson } | { error: string };

/** An HTTP status and the JSON body to send. */
export interface GatewayResponse {
  status: number;
  body: UpstashEntry | UpstashEntry[];
}

function entry(reply: RespValue | undefined, base64: boolean): UpstashEntry {
  if (reply instanceof RespError) return { error: reply.message };
  return { result: encodeResult(reply ?? null, base64) };
}

/**
 * Runs a parsed request on Redis and shapes the response like Upstash: a single command answers
 * 200 `{ result }` or 400 `{ error }`; a pipeline answers 200 with one `{ result }`/`{ error }` per
 * command; a transaction runs as `MULTI ... EXEC` in one round trip and answers like a pipeline,
 * or 400 `{ error: "EXECABORT ..." }` when Redis discarded it (a command failed to queue).
 */
export async function execute(pool: RedisPool, request: GatewayRequest, base64: boolean): Promise<GatewayResponse> {
  if (request.kind === 'command') {
    const [reply] = await pool.run([request.command]);
    const body = entry(reply, base64);
    return { status: 'error' in body ? 400 : 200, body };
  }
  if (request.kind === 'pipeline') {
    const replies = await pool.run(request.commands);
    return { status: 200, body: replies.map((reply) => entry(reply, base64)) };
  }
  const replies = await pool.run([['MULTI'], ...request.commands, ['EXEC']]);
  const exec = replies[replies.length - 1];
  if (exec instanceof RespError) return { status: 400, body: { error: exec.message } };
  if (!Array.isArray(exec)) return { status: 400, body: { error: 'ERR transaction was not executed' } };
  return { status: 200, body: exec.map((reply) => entry(reply, base64)) };
}
