import { RateLimitError, type RateLimitErrorCode } from '@rl/core';
import { MismatchedReplyError } from './reply-tag.js';

/** Maps a client error to a code; return undefined to fall back to the built-in rules. */
export type ErrorClassifier = (error: unknown) => RateLimitErrorCode | undefined;

const TIMEOUT = /timed? ?out|timeout|ETIMEDOUT/i;
const OOM = /^OOM |OOM command not allowed/;
const SCRIPT = /user_script|Error (running|compiling) script|rl script:|attempt to (call|compare|index|perform)/;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Redis over `maxmemory` with `noeviction` refusing a write (inside a script too: "... on @user_script:1."). */
export function isOutOfMemory(error: unknown): boolean {
  return OOM.test(messageOf(error));
}

/**
 * The built-in rules: a timeout (ioredis "Command timed out", an aborted fetch) is
 * `RL_STORE_TIMEOUT`; an error raised by the Lua code is `RL_SCRIPT_ERROR`; keys in different slots
 * are `RL_INVALID_ARGUMENT`; anything else — refused or closed connection, no offline queue, retries
 * exhausted, `LOADING`, `READONLY`, `CLUSTERDOWN`, `NOPERM`, `BUSY`, `OOM` (out of memory, even when
 * raised inside the script), a reply that belongs to another call — is `RL_STORE_UNAVAILABLE`.
 */
export function classifyRedisError(error: unknown): RateLimitErrorCode {
  const name = error instanceof Error ? error.name : '';
  const message = messageOf(error);
  if (error instanceof MismatchedReplyError) return 'RL_STORE_UNAVAILABLE';
  if (name === 'AbortError' || name === 'TimeoutError' || TIMEOUT.test(message)) return 'RL_STORE_TIMEOUT';
  if (OOM.test(message) || message.startsWith('BUSY')) return 'RL_STORE_UNAVAILABLE';
  if (SCRIPT.test(message)) return 'RL_SCRIPT_ERROR';
  if (message.includes('CROSSSLOT')) return 'RL_INVALID_ARGUMENT';
  return 'RL_STORE_UNAVAILABLE';
}

function advice(code: RateLimitErrorCode, operation: string, store: string, error: unknown): string {
  if (error instanceof MismatchedReplyError) {
    return `The "${store}" store received, for ${operation}, the reply to another call: a reply was lost on a connection that stayed open (a faulty proxy or network path), so replies no longer pair up with calls. The call failed without a decision (Redis may have counted it once, never twice); the connection that lost its place should be replaced (the TCP store does so itself).`;
  }
  if (isOutOfMemory(error)) {
    return `The "${store}" store refused ${operation}: Redis is out of memory (used memory > maxmemory) and its maxmemory-policy refuses writes instead of evicting. Every @rl key carries a TTL, so set maxmemory-policy to volatile-ttl or volatile-lru (Redis then makes room by evicting keys that expire anyway), or raise maxmemory. The limiter's failure policy decides what happens to the request.`;
  }
  switch (code) {
    case 'RL_STORE_TIMEOUT':
      return `The "${store}" store did not answer ${operation} in time; the server may be overloaded, paused or unreachable. The limiter's failure policy decides what happens to the request.`;
    case 'RL_SCRIPT_ERROR':
      return `The @rl ${operation} script failed on the "${store}" store. Check that the server supports Lua scripting (Redis ≥ 5 or a compatible service) and report the message if it persists.`;
    case 'RL_INVALID_ARGUMENT':
      return `The keys of one ${operation} call on the "${store}" store must share one hash tag (one identifier per call); build them with buildKey() from @rl/core.`;
    default:
      return `The "${store}" store failed during ${operation}. Check that the server is reachable and that its password/ACL allows the @rl scripts, or configure a failure policy.`;
  }
}

/** Wraps a client error in a RateLimitError whose code says what failed, with the error as `cause`. */
export function toStoreError(
  store: string,
  operation: string,
  error: unknown,
  classify?: ErrorClassifier,
): RateLimitError {
  if (error instanceof RateLimitError) return error;
  const code = classify?.(error) ?? classifyRedisError(error);
  return new RateLimitError(code, `${advice(code, operation, store, error)} Cause: ${messageOf(error)}`, {
    cause: error,
    details: { store, operation },
  });
}
