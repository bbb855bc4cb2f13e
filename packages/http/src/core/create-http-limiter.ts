import {
  createLimiter,
  type Decision,
  type FailureOptions,
  type FailurePolicy,
  type Limiter,
  RateLimitError,
  type Store,
} from '@rl/core';
import { buildRateLimitHeaders, retryAfterSeconds } from '../headers/rate-limit-headers.js';
import { type IdentityInput, identifyNow } from '../identity/identify.js';
import type { KeySpec } from '../identity/key-parts.js';
import { resolveClientIp } from '../ip/client-ip.js';
import { type IpAddress, parseIp } from '../ip/ip-address.js';
import { ipKey } from '../ip/ipv6-prefix.js';
import { normaliseMethod, normalisePath } from '../path/path-normalise.js';
import type { CompiledLimit, CompiledRoute } from '../routes/route-table.js';
import { chargeLimits, type LimitCharge } from './charge-limits.js';
import { type HttpResult, PASS, result } from './http-result.js';
import type { HttpLimiterOptions, RateLimitInfo } from './options.js';
import { recentCache } from './recent-cache.js';
import type { HttpRequestView } from './request-view.js';
import { resolveHttpOptions } from './resolve-options.js';
import { limitExceeded, limiterUnavailable } from './responses.js';
import type { Warnings } from './warnings.js';

/** The shared HTTP limiter every adapter wraps. */
export interface HttpLimiter<Ctx> {
  /** Decides one request: route → identifier → limit → headers and, if refused, the response. */
  evaluate(view: HttpRequestView, ctx: Ctx): Promise<HttpResult>;
  /** True when results need `finish(status)` (refunds of successful or failed requests). */
  readonly refunds: boolean;
  /** The routes, in matching order, with their normalised rules. */
  readonly routes: readonly Pick<CompiledRoute<Ctx>, 'name' | 'rules'>[];
  readonly warnings: Warnings;
}

/**
 * The limiter's failure policy: the route's or the options', default fail-open for shared stores.
 * Stores that live in this process (`shared: false`, such as @rl/memory) cannot be unreachable, so by
 * default they get no policy at all: no timer, no breaker on the hot path.
 */
function failureFor(
  failure: FailurePolicy | FailureOptions | undefined,
  store: Store,
): FailurePolicy | FailureOptions | undefined {
  if (failure !== undefined) return failure;
  return store.shared ? 'fail-open' : undefined;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | undefined)?.then === 'function';
}

/** The Decision with the route's name: spelled out for the usual decision (a spread costs more). */
function infoOf(d: Decision, route: string): RateLimitInfo {
  if ('error' in d || 'leaseId' in d) return { ...d, route };
  return {
    allowed: d.allowed,
    reason: d.reason,
    rule: d.rule,
    limit: d.limit,
    remaining: d.remaining,
    resetAt: d.resetAt,
    retryAfterMs: d.retryAfterMs,
    cost: d.cost,
    now: d.now,
    rules: d.rules,
    route,
  };
}

/** True for the default key, the client address alone: its identifier needs no key-part assembly. */
function keysOnIpOnly<Ctx>(key: KeySpec<Ctx>): boolean {
  return key === 'ip' || (Array.isArray(key) && key.length === 1 && key[0] === 'ip');
}

const ignore = (): void => {};

function asError(error: unknown): RateLimitError {
  if (error instanceof RateLimitError) return error;
  return new RateLimitError('RL_STORE_UNAVAILABLE', `Refund failed: ${String(error)}`, { cause: error });
}

/**
 * Creates the framework-neutral limiter the adapters call: it matches the route, works out the
 * client and the key, charges the route's rules atomically, and returns the headers, the refusal
 * (429 JSON or problem+json) and a `finish(status)` for refunds. Store failures follow
 * the `failure` policy (default fail-open), in this one place.
 *
 * @example
 * const http = createHttpLimiter({ store: memoryStore(), routes: [{ path: '/api/login', methods: 'POST', preset: 'auth' }] })
 * const outcome = await http.evaluate({ method: 'POST', path: '/api/login', headers: () => undefined, remoteAddress: '203.0.113.9' }, req)
 * if (outcome.action === 'reject') send(outcome.rejection)
 */
export function createHttpLimiter<Ctx>(options: HttpLimiterOptions<Ctx>): HttpLimiter<Ctx> {
  const resolved = resolveHttpOptions(options);
  const { table, warnings, sources, ipv6Subnet } = resolved;
  const headerOptions = resolved.headers;
  const cache = new WeakMap<Store, Map<string, Limiter>>();

  const limiterIn = (store: Store, route: CompiledRoute<Ctx>, limit: CompiledLimit<Ctx>): Limiter => {
    let limiters = cache.get(store);
    if (!limiters) {
      limiters = new Map();
      cache.set(store, limiters);
    }
    const name = limit.name === undefined ? route.name : `${route.name}:${limit.name}`;
    let limiter = limiters.get(name);
    if (!limiter) {
      limiter = createLimiter({
        store,
        rules: limit.rules,
        failure: failureFor(limit.failure, store),
        prefix: `${options.prefix ?? 'rl'}:${name}`,
        ...(options.clock === undefined ? {} : { clock: options.clock }),
        ...(options.now === undefined ? {} : { now: options.now }),
      });
      limiters.set(name, limiter);
    }
    return limiter;
  };
  // One store for every request: each limit's limiter is built once, here, and looked up by position.
  const { store } = options;
  const prepared =
    typeof store === 'function' ? undefined : table.map((route) => route.limits.map((l) => limiterIn(store, route, l)));
  const limiterFor = (routeIndex: number, limitIndex: number, ctx: Ctx): Limiter => {
    if (prepared) return prepared[routeIndex]?.[limitIndex] as Limiter;
    const route = table[routeIndex] as CompiledRoute<Ctx>;
    return limiterIn((store as (ctx: Ctx) => Store)(ctx), route, route.limits[limitIndex] as CompiledLimit<Ctx>);
  };

  // Client addresses are parsed once and their key part worked out once while they keep coming.
  const addresses = recentCache<IpAddress | null>(1024, 64);
  const parseOrNull = (text: string): IpAddress | null => parseIp(text) ?? null;
  const parseAddress = (text: string | undefined): IpAddress | undefined =>
    text === undefined ? undefined : (addresses.get(text, parseOrNull) ?? undefined);
  const ipKeys = new WeakMap<IpAddress, string>();
  const keyOfIp = (ip: IpAddress): string => {
    let key = ipKeys.get(ip);
    if (key === undefined) {
      key = ipKey(ip, ipv6Subnet);
      ipKeys.set(ip, key);
    }
    return key;
  };

  const report = (error: RateLimitError, ctx: Ctx): void => {
    if (!options.onError) {
      warnings.warn(
        'RL_W_STORE_FAILURE',
        `The store failed (${error.code}: ${error.message}); requests follow the failure policy until it recovers. Pass onError to observe every failure.`,
      );
      return;
    }
    try {
      options.onError(error, ctx);
    } catch {
      // An observer must not break the request.
    }
  };

  const notify = (observer: ((info: RateLimitInfo, ctx: Ctx) => void) | undefined, info: RateLimitInfo, ctx: Ctx) => {
    try {
      observer?.(info, ctx);
    } catch {
      // An observer must not break the request.
    }
  };

  const needsIp = (route: CompiledRoute<Ctx>): boolean =>
    route.limits.some(({ key }) => typeof key === 'function' || key.includes('ip'));

  async function decide(view: HttpRequestView, ctx: Ctx): Promise<HttpResult> {
    const method = normaliseMethod(view.method);
    const path = normalisePath(view.path, resolved.caseSensitive);
    let index = 0;
    while (index < table.length && !(table[index] as CompiledRoute<Ctx>).matches(method, path)) index++;
    const route = table[index];
    if (route === undefined) return PASS;
    if (options.skip) {
      const skip = options.skip(ctx);
      if (isPromise(skip) ? await skip : skip) return PASS;
    }

    const ip = resolveClientIp(view, resolved.trust, resolved.ipHeader, warnings, parseAddress);
    if (!ip && warnings.pending('RL_W_NO_CLIENT_IP') && needsIp(route)) {
      warnings.warn(
        'RL_W_NO_CLIENT_IP',
        'A request has no client address (no socket peer and no trusted address header), so such requests share one "unknown" limit. On Workers use ipHeader: "cf-connecting-ip" with trustProxy: 1; behind a proxy set trustProxy.',
      );
    }
    const clientKey = ip === undefined ? 'unknown' : keyOfIp(ip);
    let input: IdentityInput | undefined;
    const parts: LimitCharge[] = [];
    for (let i = 0; i < route.limits.length; i++) {
      const limit = route.limits[i] as CompiledLimit<Ctx>;
      let identifier = clientKey;
      if (!keysOnIpOnly(limit.key)) {
        input ??= { ip, ipv6Subnet, ipKey: clientKey, path, method, route: route.name, header: view.headers };
        const id = identifyNow(limit.key, ctx, input, sources, warnings);
        identifier = typeof id === 'string' ? id : await id;
      }
      parts.push({ limiter: limiterFor(index, i, ctx), identifier, name: limit.name });
    }
    const cost = typeof route.cost === 'function' ? await route.cost(ctx) : (route.cost ?? 1);

    // Refund failures are reported where they happen: while walking several limits, or in `finish`.
    const onRefundError = parts.length > 1 || resolved.refunds ? (e: unknown) => report(asError(e), ctx) : ignore;
    const charged = await chargeLimits(parts, cost, onRefundError);
    const { decision } = charged;
    const info = infoOf(decision, route.name);
    if (decision.error !== undefined) report(asError(decision.error), ctx);
    if (decision.reason === 'store_unavailable') {
      // Counts are unknown: no rate-limit headers; a refusal is a 503, never a 429.
      if (decision.allowed) return result('next', info, {});
      const retry = { 'Retry-After': String(retryAfterSeconds(decision)) };
      return result('reject', info, retry, limiterUnavailable(resolved.response));
    }

    if (!decision.allowed) notify(options.onLimit, info, ctx);
    if (!decision.allowed && resolved.shadow) {
      return result('next', { ...info, allowed: true, reason: 'shadow', retryAfterMs: 0 }, {});
    }
    const identifier =
      parts.length === 1 ? (parts[0] as LimitCharge).identifier : parts.map((p) => p.identifier).join(' ');
    const partitionKey =
      headerOptions.ietf && decision.rules.length > 0 ? resolved.partitionKey(route.name, identifier) : undefined;
    const headers = buildRateLimitHeaders(decision, headerOptions, partitionKey);
    if (!decision.allowed) {
      const violated = decision.rules.filter((rule) => !rule.allowed).map((rule) => rule.name);
      const rejection = limitExceeded(resolved.response, resolved.message, retryAfterSeconds(decision), violated);
      return result('reject', info, headers, rejection);
    }
    if (!resolved.refunds || cost === 0) return result('next', info, headers);

    let finished = false;
    return result('next', info, headers, undefined, async (status) => {
      if (finished) return;
      finished = true;
      try {
        const success = resolved.requestWasSuccessful(status);
        if (success ? options.skipSuccessfulRequests : options.skipFailedRequests) {
          await charged.refund();
        }
      } catch (error) {
        report(asError(error), ctx);
      }
    });
  }

  const { onDecision } = options;
  const evaluate = onDecision
    ? async (view: HttpRequestView, ctx: Ctx): Promise<HttpResult> => {
        const outcome = await decide(view, ctx);
        if (outcome.info) notify(onDecision, outcome.info, ctx);
        return outcome;
      }
    : decide;

  return {
    evaluate,
    refunds: resolved.refunds,
    routes: table.map(({ name, rules }) => ({ name, rules })),
    warnings,
  };
}
