import { type Duration, parseDuration } from '../duration.js';
import { describeValue, invalidConfig, RateLimitError } from '../errors.js';
import { ALGORITHMS, type Algorithm, type Rule } from './types.js';

/** The largest limit @rl accepts. */
export const MAX_LIMIT = 1_000_000_000;

const NAME_PATTERN = /^[A-Za-z0-9._-]{1,48}$/;

/** Options shared by every rule helper. */
export interface RuleNameOption {
  /** A stable name for the rule; it is part of the storage key. Defaults to one derived from the algorithm and window. */
  name?: string;
}

/** Options for the window algorithms and GCRA. */
export interface WindowRuleOptions extends RuleNameOption {
  /** Requests (cost units) allowed per window: a whole number from 1 to 1e9. */
  limit: number;
  /** The window, as milliseconds or a string such as `"1m"`. */
  window: Duration;
}

/** Options for the token bucket. */
export interface TokenBucketOptions extends RuleNameOption {
  /** Bucket capacity (the largest burst). */
  limit: number;
  /** Tokens added every `interval`. Defaults to `limit` (the bucket refills fully every interval). */
  refillRate?: number;
  /** How often `refillRate` tokens are added. */
  interval: Duration;
}

/** Options for the concurrency limiter. */
export interface ConcurrencyOptions extends RuleNameOption {
  /** Leases that may be held at once. */
  limit: number;
  /** A lease not released within this time expires, so a crashed holder cannot leak capacity. Default 60 s. */
  leaseMs?: Duration;
}

/** A rule as a plain object: what `createLimiter({ rules })` accepts besides the helpers' output. */
export type RuleInput =
  | Rule
  | ({ algorithm: 'fixed-window' | 'sliding-window' | 'sliding-log' | 'gcra' } & WindowRuleOptions)
  | ({ algorithm: 'token-bucket' } & TokenBucketOptions)
  | ({ algorithm: 'concurrency' } & ConcurrencyOptions)
  | { maxRequests: number; windowMs: number; name?: string; algorithm?: Algorithm };

function checkLimit(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_LIMIT) {
    throw invalidConfig(option, value, `a whole number from 1 to ${MAX_LIMIT}`);
  }
  return value;
}

function checkName(value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !NAME_PATTERN.test(value)) {
    throw invalidConfig('name', value, '1 to 48 characters from A-Z a-z 0-9 . _ -');
  }
  return value;
}

function checkProduct(limit: number, windowMs: number): void {
  if (limit * windowMs > Number.MAX_SAFE_INTEGER) {
    throw new RateLimitError(
      'RL_INVALID_CONFIG',
      `Invalid options "limit" × "window": ${limit} × ${windowMs} ms exceeds 2^53, which exact integer arithmetic needs. Use a smaller limit or a shorter window.`,
      { details: { option: 'limit', value: limit, windowMs } },
    );
  }
}

const NORMALISED = new WeakSet<Rule>();

function make(
  algorithm: Algorithm,
  name: string,
  limit: number,
  windowMs: number,
  extra: Partial<Pick<Rule, 'refillRate' | 'intervalMs' | 'leaseMs'>> = {},
): Rule {
  const rule: Rule = Object.freeze({
    name,
    algorithm,
    limit,
    windowMs,
    refillRate: extra.refillRate ?? 0,
    intervalMs: extra.intervalMs ?? 0,
    leaseMs: extra.leaseMs ?? 0,
  });
  NORMALISED.add(rule);
  return rule;
}

function windowRule(algorithm: Algorithm, options: WindowRuleOptions): Rule {
  if (options === null || typeof options !== 'object') throw invalidConfig('rule', options, 'an options object');
  const limit = checkLimit(options.limit, 'limit');
  const windowMs = parseDuration(options.window, 'window');
  checkProduct(limit, windowMs);
  return make(algorithm, checkName(options.name, `${algorithm}-${windowMs}`), limit, windowMs);
}

/**
 * Fixed window: at most `limit` units per window; windows are aligned to the epoch so every
 * process and store agrees on their edges.
 *
 * @example
 * const perMinute = fixedWindow({ limit: 100, window: '1m' })
 */
export function fixedWindow(options: WindowRuleOptions): Rule {
  return windowRule('fixed-window', options);
}

/**
 * Sliding-window counter: the current window's count plus the previous window's count weighted by
 * how much of it still overlaps the sliding window. Smooths the burst at fixed-window edges.
 *
 * @example
 * const perMinute = slidingWindow({ limit: 100, window: '1m' })
 */
export function slidingWindow(options: WindowRuleOptions): Rule {
  return windowRule('sliding-window', options);
}

/**
 * Sliding log: exact — remembers every admitted call in the last window. Memory grows with the limit.
 *
 * @example
 * const login = slidingLog({ limit: 5, window: '1m', name: 'login' })
 */
export function slidingLog(options: WindowRuleOptions): Rule {
  return windowRule('sliding-log', options);
}

/**
 * GCRA (generic cell rate algorithm): `limit` per `window`, admitted as a smooth rate with a burst of
 * up to `limit`. One timestamp of state per key.
 *
 * @example
 * const api = gcra({ limit: 10, window: '1s' })
 */
export function gcra(options: WindowRuleOptions): Rule {
  return windowRule('gcra', options);
}

/**
 * Token bucket: holds up to `limit` tokens; `refillRate` tokens are added every `interval`.
 *
 * @example
 * const bursty = tokenBucket({ limit: 20, refillRate: 5, interval: '1s' })
 */
export function tokenBucket(options: TokenBucketOptions): Rule {
  if (options === null || typeof options !== 'object') throw invalidConfig('rule', options, 'an options object');
  const limit = checkLimit(options.limit, 'limit');
  const refillRate = checkLimit(options.refillRate ?? limit, 'refillRate');
  if (refillRate > limit) throw invalidConfig('refillRate', refillRate, `at most "limit" (${limit})`);
  const intervalMs = parseDuration(options.interval, 'interval');
  const windowMs = Math.ceil(limit / refillRate) * intervalMs;
  return make('token-bucket', checkName(options.name, `token-bucket-${intervalMs}`), limit, windowMs, {
    refillRate,
    intervalMs,
  });
}

/**
 * Concurrency: at most `limit` leases held at once; each lease expires after `leaseMs`.
 *
 * @example
 * const streams = concurrency({ limit: 3, leaseMs: '5m', name: 'streams' })
 */
export function concurrency(options: ConcurrencyOptions): Rule {
  if (options === null || typeof options !== 'object') throw invalidConfig('rule', options, 'an options object');
  const limit = checkLimit(options.limit, 'limit');
  const leaseMs = parseDuration(options.leaseMs ?? 60_000, 'leaseMs');
  return make('concurrency', checkName(options.name, 'concurrency'), limit, leaseMs, { leaseMs });
}

function isNormalised(input: object): input is Rule {
  return NORMALISED.has(input as Rule);
}

/**
 * Normalises any accepted rule shape, including the seeds' `{ maxRequests, windowMs }`.
 *
 * @example
 * const r = defineRule({ maxRequests: 50, windowMs: 60000 }) // fixed window, 50 per minute
 */
export function defineRule(input: RuleInput): Rule {
  if (input === null || typeof input !== 'object') throw invalidConfig('rules', input, 'a rule object');
  if (isNormalised(input)) return input;
  if ('maxRequests' in input) {
    const algorithm = input.algorithm ?? 'fixed-window';
    if (algorithm === 'token-bucket' || algorithm === 'concurrency') {
      throw invalidConfig('algorithm', algorithm, 'a window algorithm with { maxRequests, windowMs }');
    }
    const options: WindowRuleOptions = { limit: input.maxRequests, window: input.windowMs };
    if (input.name !== undefined) options.name = input.name;
    return windowRule(algorithm, options);
  }
  const algorithm = (input as { algorithm?: unknown }).algorithm;
  switch (algorithm) {
    case 'fixed-window':
    case 'sliding-window':
    case 'sliding-log':
    case 'gcra':
      return windowRule(algorithm, input as WindowRuleOptions);
    case 'token-bucket':
      return tokenBucket(input as TokenBucketOptions);
    case 'concurrency':
      return concurrency(input as ConcurrencyOptions);
    default:
      throw new RateLimitError(
        'RL_INVALID_CONFIG',
        `Invalid option "algorithm": got ${describeValue(algorithm)}, expected one of ${ALGORITHMS.join(', ')}.`,
        { details: { option: 'algorithm', value: algorithm } },
      );
  }
}
