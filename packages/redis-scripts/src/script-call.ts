import { withDeadline } from './deadline.js';
import { classifyRedisError, type ErrorClassifier, toStoreError } from './errors.js';
import type { RedisLike } from './redis-like.js';
import { MismatchedReplyError, nextCallTag } from './reply-tag.js';
import { createNoScriptRecovery, isNoScript } from './run-script.js';
import type { LuaScript } from './scripts/index.js';

/** Turns a tagged reply into the operation's result; throws on a reply that is not the call's own or of the wrong shape. */
export type ReplyDecoder<T> = (reply: unknown, tag: string, checks: number) => T;

/** Sends one tagged script call; see {@link createScriptCaller}. */
export type ScriptCaller = <T>(
  operation: string,
  script: LuaScript,
  keys: string[],
  args: string[],
  checks: number,
  decode: ReplyDecoder<T>,
) => Promise<T>;

/** What a {@link ScriptCaller} needs (the store's options). */
export interface ScriptCallerOptions {
  name: string;
  client: RedisLike;
  classifyError?: ErrorClassifier;
  timeoutMs?: number;
  beforeCall?: () => Promise<void> | void;
  trackConnection?: (keys: readonly string[]) => (() => void) | undefined;
}

/**
 * One script call, with as few promises as it takes: the call's tag is appended to `args`, then (once
 * `beforeCall` allows) one `EVALSHA` goes out — `EVAL` only after NOSCRIPT, single flight per script —
 * and its reply is decoded in the one handler attached to the client's promise. Every failure becomes
 * a `RateLimitError` (`toStoreError`); a timeout or a reply that belongs to another call also runs the
 * callback `trackConnection` returned when the call was sent, so the client can replace that connection.
 */
export function createScriptCaller(options: ScriptCallerOptions): ScriptCaller {
  const { name, client, classifyError, timeoutMs, beforeCall, trackConnection } = options;
  const recover = createNoScriptRecovery(client);

  const reloadOnNoScript = (script: LuaScript, keys: string[], args: string[]) => (error: unknown) => {
    if (!isNoScript(error)) throw error;
    return recover(script, keys, args);
  };

  function dispatch<T>(
    operation: string,
    script: LuaScript,
    keys: string[],
    args: string[],
    checks: number,
    decode: ReplyDecoder<T>,
  ): Promise<T> {
    const tag = args[args.length - 1] as string;
    let untrusted: (() => void) | undefined;
    const fail = (error: unknown): never => {
      if (untrusted && (error instanceof MismatchedReplyError || classifyRedisError(error) === 'RL_STORE_TIMEOUT')) {
        untrusted();
      }
      throw toStoreError(name, operation, error, classifyError);
    };
    const finish = (reply: unknown): T => {
      try {
        return decode(reply, tag, checks);
      } catch (error) {
        return fail(error);
      }
    };
    try {
      untrusted = trackConnection?.(keys);
      const sent = client.evalsha(script.sha1, keys, args);
      if (timeoutMs === undefined) {
        return sent.then(finish, (error: unknown) =>
          isNoScript(error) ? recover(script, keys, args).then(finish, fail) : fail(error),
        );
      }
      return withDeadline(sent.then(undefined, reloadOnNoScript(script, keys, args)), timeoutMs).then(finish, fail);
    } catch (error) {
      return Promise.reject(toStoreError(name, operation, error, classifyError));
    }
  }

  return (operation, script, keys, args, checks, decode) => {
    args.push(nextCallTag());
    let waiting: Promise<void> | void;
    try {
      waiting = beforeCall?.();
    } catch (error) {
      return Promise.reject(toStoreError(name, operation, error, classifyError));
    }
    if (waiting === undefined) return dispatch(operation, script, keys, args, checks, decode);
    return waiting.then(
      () => dispatch(operation, script, keys, args, checks, decode),
      (error: unknown) => {
        throw toStoreError(name, operation, error, classifyError);
      },
    );
  };
}
