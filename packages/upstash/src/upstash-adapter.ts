import type { RedisLike } from '@rl-internal/redis-scripts';
import { fixedSignal } from './client-checks.js';
import { abortedSignalError, normalizeUpstashError } from './upstash-errors.js';

/**
 * The three methods of an `@upstash/redis` `Redis` (Node or `/cloudflare` entry, with or without
 * auto-pipelining) the store calls. Any object with them works, e.g. `Pick<Redis, 'evalsha' | 'eval' | 'del'>`.
 */
export interface UpstashClient {
  evalsha(sha1: string, keys: string[], args: string[]): Promise<unknown>;
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  del(...keys: string[]): Promise<unknown>;
}

/**
 * Adapts an `@upstash/redis` client to the narrow interface the scripts need. Replies pass through
 * as they come — whatever `automaticDeserialization` and `responseEncoding` say, a script reply is
 * an array of numbers or numeric strings, which the decoder accepts — and errors are rewritten by
 * `normalizeUpstashError`.
 */
export function fromUpstash(client: UpstashClient): RedisLike {
  const signal = fixedSignal(client);
  const aborted = () => signal?.aborted === true;
  const scriptReply = (reply: unknown): unknown => {
    if (!Array.isArray(reply) && aborted()) throw abortedSignalError(reply);
    return reply;
  };
  const fail = (error: unknown): never => {
    throw aborted() ? abortedSignalError(error) : normalizeUpstashError(error);
  };
  return {
    evalsha: (sha1, keys, args) => client.evalsha(sha1, keys, args).then(scriptReply, fail),
    eval: (script, keys, args) => client.eval(script, keys, args).then(scriptReply, fail),
    del: (...keys) => client.del(...keys).catch(fail),
  };
}
