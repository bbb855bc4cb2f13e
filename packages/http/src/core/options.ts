import type { ClockSource, Decision, FailureOptions, FailurePolicy, RateLimitError, RuleInput, Store } from '@rl/core';
import type { HeaderOptions } from '../headers/header-options.js';
import type { KeySpec } from '../identity/key-parts.js';
import type { IpHeader } from '../ip/client-ip.js';
import type { TrustProxy } from '../ip/proxy-trust.js';
import type { PresetName } from '../routes/presets.js';
import type { PathPattern } from '../routes/route-match.js';
import type { ResponseFormat } from './responses.js';
import type { RateLimitWarning, ValidateOption } from './warnings.js';

type MaybePromise<T> = T | Promise<T>;

/** The Decision a request got, with the route that decided it. Handlers read it; headers never carry the key. */
export type RateLimitInfo = Decision & {
  /** The matched route's name. */
  readonly route: string;
};

/**
 * One of several independently keyed limits on a route — "5 per minute per IP **and** per account".
 * Each identifier lives in its own Redis Cluster hash tag, so the limits are charged one after the
 * other and a request refused by a later limit is refunded to the earlier ones: a refused request
 * never consumes quota, and no request is admitted past any limit.
 */
export interface RouteLimit<Ctx = unknown> {
  /** Names the limit in storage keys (`<prefix>:<route>:<name>:<rule>:{id}`) and headers (`<name>.<rule>`). */
  name: string;
  /** What this limit is keyed on. Default: the route's `key`. */
  key?: KeySpec<Ctx>;
  /** A seed preset. */
  preset?: PresetName;
  /** Rules, checked atomically for this limit's identifier. */
  rules?: RuleInput | readonly RuleInput[];
  /** Overrides the route's failure policy for this limit. */
  failure?: FailurePolicy | FailureOptions;
}

/** A rule set for requests matching `path` and `methods` (first matching route wins). */
export interface RouteOptions<Ctx = unknown> {
  /** Part of the storage key and of the IETF policy names. Default: the preset's name, else `route-<n>`. */
  name?: string;
  /** Path pattern(s): `/api/users/:id`, `/api/*`, `*`, or a RegExp tested on the normalised path. Default: all. */
  path?: PathPattern | readonly PathPattern[];
  /** Methods this route covers (GET covers HEAD). Default: all. */
  methods?: string | readonly string[];
  /** A seed preset: read 100/min, write 50/min, auth 5/min, public 10/min, health 1000/min. */
  preset?: PresetName;
  /** Rules, checked atomically (burst + daily...). `{ maxRequests, windowMs }` works as the seeds write it. */
  rules?: RuleInput | readonly RuleInput[];
  /** Overrides the limiter-wide `key`. */
  key?: KeySpec<Ctx>;
  /** Units each request costs. Default 1. */
  cost?: number | ((ctx: Ctx) => MaybePromise<number>);
  /** Overrides the limiter-wide `failure` policy for this route. */
  failure?: FailurePolicy | FailureOptions;
  /**
   * Several independently keyed limits instead of `preset` / `rules`, all of which must admit, e.g.
   * `[{ name: 'ip', key: 'ip', preset: 'auth' }, { name: 'account', key: (req) => accountOf(req), preset: 'auth' }]`.
   */
  limits?: readonly RouteLimit<Ctx>[];
}

/** Options shared by every adapter. `Ctx` is the framework's request or context object. */
export interface HttpLimiterOptions<Ctx = unknown> {
  /** Where counters live, or a factory called per request (for example from Workers bindings). */
  store: Store | ((ctx: Ctx) => Store);
  /** Rules applied to every request no route matched (or to all, without `routes`). */
  rules?: RuleInput | readonly RuleInput[];
  /** A preset applied like `rules`. */
  preset?: PresetName;
  /** Name of the top-level rule set. Default: the preset's name, else `default`. */
  name?: string;
  /** Per path and method rule sets; the first that matches decides. */
  routes?: readonly RouteOptions<Ctx>[];
  /** What a limit is keyed on. Default `['ip']`. The seeds' `rl:${path}:${ip}:${userId}` is `['route', 'ip', 'user']`. */
  key?: KeySpec<Ctx>;
  /** The user id for the `user` key part. */
  userId?: (ctx: Ctx) => MaybePromise<string | undefined>;
  /** The API key for the `apiKey` key part: a header name such as `x-api-key`, or a function. */
  apiKey?: string | ((ctx: Ctx) => MaybePromise<string | undefined>);
  /** Trusted proxies. Default none. See {@link TrustProxy}. */
  trustProxy?: TrustProxy;
  /** The header a trusted proxy reports the client address in. Default `x-forwarded-for`. */
  ipHeader?: IpHeader;
  /** IPv6 prefix length that shares one limit, or `false`. Default 56. */
  ipv6Subnet?: number | false;
  /** Whether `/API/items` and `/api/items` are different routes. Default false (they share one limit). */
  caseSensitive?: boolean;
  /** Header families: `true` (default: legacy epoch + IETF + Retry-After), `false`, or per family. */
  headers?: boolean | HeaderOptions;
  /** Body of a 429: the seeds' JSON (default) or `problem` (application/problem+json). */
  response?: ResponseFormat;
  /** The message in a 429 body. */
  message?: string;
  /** Return true to leave a request unlimited (no headers either). */
  skip?: (ctx: Ctx) => MaybePromise<boolean>;
  /** Give back the charge of requests that succeed (status < 400 by default). */
  skipSuccessfulRequests?: boolean;
  /** Give back the charge of requests that fail (status ≥ 400 by default, or that throw). */
  skipFailedRequests?: boolean;
  /** What counts as success for the two options above. Default `status < 400`. */
  requestWasSuccessful?: (status: number) => boolean;
  /** Decide and report, never block: denials become `reason: "shadow"` and no headers are sent. */
  shadow?: boolean;
  /** Units each request costs (routes can override). Default 1. */
  cost?: number | ((ctx: Ctx) => MaybePromise<number>);
  /**
   * What a request gets when the store fails (error, timeout, open circuit): `fail-open` (default: it
   * goes through without rate-limit headers), `fail-closed` (503, never 429) or `fallback` (an
   * in-process limiter decides: `{ policy: 'fallback', fallback: memoryStore() }`), with the call
   * timeout and circuit breaker of `createLimiter`'s `failure` option. Routes can override it.
   */
  failure?: FailurePolicy | FailureOptions;
  /** Told about every store failure (then no warning is logged). */
  onError?: (error: RateLimitError, ctx: Ctx) => void;
  /**
   * Told about every decision a limited request got — admitted, refused, shadow, fallback or store
   * failure — after it was made (for live dashboards and logs). Not called for requests no route matched.
   */
  onDecision?: (info: RateLimitInfo, ctx: Ctx) => void;
  /** Told about every denial, shadow ones included. */
  onLimit?: (info: RateLimitInfo, ctx: Ctx) => void;
  /** Key prefix; the route name follows it. Default `rl`. */
  prefix?: string;
  /** Limiter clock (see `createLimiter`). */
  clock?: ClockSource;
  /** Caller clock, epoch ms. */
  now?: () => number;
  /** Secret for the IETF `pk` HMAC; set the same on every instance for stable partition keys. */
  partitionKeySecret?: string;
  /** Misconfiguration warnings on/off, all or per code. Default all on. */
  validate?: ValidateOption;
  /** Where warnings go. Default `console.warn`. */
  onWarning?: (warning: RateLimitWarning) => void;
}
