import {
  ALGORITHMS,
  type ConsumeRequest,
  type ConsumeResponse,
  invalidConfig,
  type PeekRequest,
  RateLimitError,
  type RefundRequest,
  type ReleaseRequest,
  type Store,
  type StoreCapabilities,
} from '@rl/core';
import { keysOf, planFor } from './call-plan.js';
import { withDeadline } from './deadline.js';
import { decodeTaggedDecision, decodeTaggedRelease } from './decode.js';
import { encodeCall } from './encode.js';
import { classifyRedisError, type ErrorClassifier, toStoreError } from './errors.js';
import { groupByHashTag } from './hash-tag.js';
import type { RedisLike } from './redis-like.js';
import { checkCountReply, endsWithTag, MismatchedReplyError, mismatchedReply } from './reply-tag.js';
import { createScriptCaller } from './script-call.js';
import { SCRIPTS } from './scripts/index.js';
import { checkLease, checkNow, checkTime, checkWhole } from './validate.js';

/** Options of {@link createScriptStore}. */
export interface ScriptStoreOptions {
  /** The store's name, shown in errors and `store.name` (`"redis"`, `"upstash"`). */
  name: string;
  /** The client, adapted to {@link RedisLike}. */
  client: RedisLike;
  /** Whether several processes share the counters. Default true. */
  shared?: boolean;
  /** Maps client-specific errors to codes before the built-in rules of `classifyRedisError`. */
  classifyError?: ErrorClassifier;
  /**
   * With `clock: "caller"`, keys are kept this many ms longer than their state matters, so app
   * servers whose clocks lag the writer's by up to this much never see a key vanish early (the
   * scripts themselves treat an expired state as absent, so decisions do not depend on it).
   * Ignored with the store's clock. Default 1000.
   */
  skewToleranceMs?: number;
  /**
   * A deadline per call in ms, for clients without a command timeout of their own: past it the
   * call rejects with `RL_STORE_TIMEOUT`. Default none (the client's own timeout governs).
   */
  timeoutMs?: number;
  /** Waited for before each call (for example until a client has connected once). */
  beforeCall?: () => Promise<void> | void;
  /** Runs once on `close()`, for example to quit a client the store created. */
  onClose?: () => Promise<unknown> | unknown;
  /**
   * Called as each call is sent, with its keys. It returns what to do if that call's connection can
   * no longer be trusted to pair replies with calls: the call timed out (its reply may come late, or
   * never) or received another call's reply. A client that pipelines calls on one connection replaces
   * that connection (`@rl/redis-tcp`); a request/response client (REST) needs nothing.
   */
  trackConnection?: (keys: readonly string[]) => (() => void) | undefined;
}

const CAPABILITIES: StoreCapabilities = Object.freeze({
  clocks: Object.freeze(['caller', 'store'] as const),
  algorithms: ALGORITHMS,
});

/** ARGV strings of the most common costs. */
const COSTS: readonly string[] = Array.from({ length: 16 }, (_, cost) => String(cost));

/** The refund reply `[now]`: only its tag is checked. */
function acknowledge(reply: unknown, tag: string): void {
  if (!endsWithTag(reply, tag)) throw mismatchedReply(reply, tag);
}

function checkClient(client: unknown): RedisLike {
  const candidate = client as Partial<RedisLike> | null;
  if (
    candidate === null ||
    typeof candidate !== 'object' ||
    typeof candidate.evalsha !== 'function' ||
    typeof candidate.eval !== 'function' ||
    typeof candidate.del !== 'function'
  ) {
    throw invalidConfig(
      'client',
      client,
      'a client with evalsha(sha1, keys, args), eval(script, keys, args), del(...keys)',
    );
  }
  return candidate as RedisLike;
}

/**
 * The Store every Redis backend shares: one Lua script call per operation (EVALSHA, EVAL only after
 * NOSCRIPT), request encoding, reply decoding and error mapping. The Redis stores are thin wrappers
 * that adapt their client to {@link RedisLike}.
 *
 * @example
 * import { createScriptStore } from '@rl-internal/redis-scripts'
 *
 * const store = createScriptStore({
 *   name: 'redis',
 *   client: {
 *     evalsha: (sha, keys, args) => redis.evalsha(sha, keys.length, ...keys, ...args),
 *     eval: (script, keys, args) => redis.eval(script, keys.length, ...keys, ...args),
 *     del: (...keys) => redis.del(...keys),
 *   },
 * })
 */
export function createScriptStore(options: ScriptStoreOptions): Store {
  if (options === null || typeof options !== 'object') throw invalidConfig('options', options, 'an options object');
  const { name, classifyError, onClose } = options;
  if (typeof name !== 'string' || name.length === 0) throw invalidConfig('name', name, 'a non-empty string');
  const client = checkClient(options.client);
  const shared = options.shared ?? true;
  const skew = options.skewToleranceMs ?? 1000;
  if (!Number.isSafeInteger(skew) || skew < 0) throw invalidConfig('skewToleranceMs', skew, 'a whole number of ms ≥ 0');
  const slack = String(skew);
  const { timeoutMs, beforeCall, trackConnection } = options;
  if (timeoutMs !== undefined && (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1)) {
    throw invalidConfig('timeoutMs', timeoutMs, 'a whole number of ms ≥ 1');
  }
  let closed = false;
  const send = createScriptCaller({ name, client, classifyError, timeoutMs, beforeCall, trackConnection });
  const closedError = () => new RateLimitError('RL_CLOSED', `This "${name}" store was closed; create a new one.`);
  const rejected = (operation: string, error: unknown) =>
    Promise.reject(toStoreError(name, operation, error, classifyError));

  /** ARGV 1 and 2 of every script, then `more`: see `clockArgs`. */
  const head = (now: number | undefined, ...more: string[]): string[] =>
    now === undefined ? ['', '0', ...more] : [String(now), slack, ...more];

  return {
    name,
    shared,
    supports: CAPABILITIES,

    consume(request: ConsumeRequest): Promise<ConsumeResponse> {
      if (closed) return Promise.reject(closedError());
      try {
        const now = checkNow(request.now);
        const cost = checkWhole('cost', request.cost);
        const units = cost < COSTS.length ? (COSTS[cost] as string) : String(cost);
        const lease = checkLease(request.leaseId);
        const args = now === undefined ? ['', '0', units, lease] : [String(now), slack, units, lease];
        const { checks } = request;
        const plan = planFor(checks);
        for (const field of plan.ruleArgs) args.push(field);
        return send('consume', plan.consume, keysOf(checks), args, checks.length, decodeTaggedDecision);
      } catch (error) {
        return rejected('consume', error);
      }
    },

    peek(request: PeekRequest): Promise<ConsumeResponse> {
      if (closed) return Promise.reject(closedError());
      try {
        const args = head(checkNow(request.now));
        const { checks } = request;
        const plan = planFor(checks);
        for (const field of plan.ruleArgs) args.push(field);
        return send('peek', plan.peek, keysOf(checks), args, checks.length, decodeTaggedDecision);
      } catch (error) {
        return rejected('peek', error);
      }
    },

    refund(request: RefundRequest): Promise<void> {
      if (closed) return Promise.reject(closedError());
      try {
        const now = checkNow(request.now);
        const cost = String(checkWhole('cost', request.cost));
        const at = String(checkTime('consumedAt', request.consumedAt));
        if (request.checks.length === 0) return Promise.resolve();
        const call = encodeCall(request.checks, head(now, cost, at));
        return send('refund', SCRIPTS.refund, call.keys, call.args, 0, acknowledge);
      } catch (error) {
        return rejected('refund', error);
      }
    },

    release(request: ReleaseRequest): Promise<boolean> {
      if (closed) return Promise.reject(closedError());
      try {
        const args = head(checkNow(request.now), checkLease(request.leaseId));
        const checks = request.checks.filter((check) => check.rule.algorithm === 'concurrency');
        if (checks.length === 0) return Promise.resolve(false);
        const call = encodeCall(checks, args);
        return send('release', SCRIPTS.release, call.keys, call.args, checks.length, decodeTaggedRelease);
      } catch (error) {
        return rejected('release', error);
      }
    },

    reset(keys: readonly string[]): Promise<void> {
      if (closed) return Promise.reject(closedError());
      let untrusted: (() => void) | undefined;
      const run = async () => {
        if (beforeCall) await beforeCall();
        untrusted = trackConnection?.(Array.isArray(keys) ? keys : []);
        const deletes = groupByHashTag(keys).map(async (group) => checkCountReply(await client.del(...group)));
        await withDeadline(Promise.all(deletes), timeoutMs);
      };
      return run().catch((error: unknown) => {
        if (untrusted && (error instanceof MismatchedReplyError || classifyRedisError(error) === 'RL_STORE_TIMEOUT')) {
          untrusted();
        }
        throw toStoreError(name, 'reset', error, classifyError);
      });
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (onClose) await onClose();
    },
  };
}
