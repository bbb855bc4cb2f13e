import { RateLimitError, type RuleInput, type Store } from '@rl/core';
import type {
  HeaderOptions,
  HttpLimiterOptions,
  IpHeader,
  KeyPart,
  PresetName,
  RouteOptions,
  TrustProxy,
} from '@rl/http';
import { createModelStore } from '../model-store.js';
import { ALIGNED_EPOCH } from '../virtual-clock.js';

/** Per-instance limit of the `fallback` scenario. */
export const FALLBACK_LIMIT = 2;

/** The request header a harness must turn into the request's remote address (the socket peer). */
export const TEST_PEER_HEADER = 'x-test-peer';
/** The response header a harness's handler must fill with {@link describeInfo} of the Decision it sees. */
export const TEST_INFO_HEADER = 'x-test-info';
/** Headers the scenario options read. */
export const USER_HEADER = 'x-user-id';
export const CUSTOM_KEY_HEADER = 'x-custom-key';
export const SKIP_HEADER = 'x-skip';

/** The fixed time every scenario runs at: 20 s into a minute, so a 60 s window resets in 40 s. */
export const SCENARIO_NOW = ALIGNED_EPOCH + 20_000;

/**
 * A limiter configuration as plain JSON, so it can also cross into a Worker. {@link scenarioOptions}
 * turns it into adapter options.
 */
export interface AdapterScenario {
  /** Key prefix unique to this scenario. */
  prefix: string;
  rules?: RuleInput | RuleInput[];
  preset?: PresetName;
  name?: string;
  routes?: {
    name?: string;
    path?: string | string[];
    methods?: string | string[];
    preset?: PresetName;
    rules?: RuleInput | RuleInput[];
    key?: KeyPart[];
  }[];
  /** Key parts, or `custom`: a key function returning `custom:<x-custom-key or info.ip>`. */
  key?: KeyPart[] | 'custom';
  /** Read the user id from `x-user-id`. */
  userHeader?: boolean;
  /** Read the API key from this header. */
  apiKeyHeader?: string;
  /** Skip requests that carry `x-skip: 1`. */
  skipHeader?: boolean;
  trustProxy?: TrustProxy;
  ipHeader?: IpHeader;
  ipv6Subnet?: number | false;
  headers?: boolean | HeaderOptions;
  response?: 'json' | 'problem';
  message?: string;
  shadow?: boolean;
  skipSuccessfulRequests?: boolean;
  skipFailedRequests?: boolean;
  /** The failure policy; `fallback` falls back to an in-process reference-model store. */
  failure?: 'fail-open' | 'fail-closed' | 'fallback';
  /** `failing`: a store whose every call fails (the harness's store is ignored). */
  store?: 'harness' | 'failing';
}

/**
 * A store that is always down: every call rejects with `RL_STORE_UNAVAILABLE`.
 *
 * @example
 * rateLimit({ store: failingStore(), preset: 'read' }) // exercises the failure policy
 */
export function failingStore(): Store {
  const down = (): Promise<never> =>
    Promise.reject(new RateLimitError('RL_STORE_UNAVAILABLE', 'The test store is down (connection refused).'));
  return {
    name: 'failing',
    shared: true,
    supports: {
      clocks: ['caller'],
      algorithms: ['fixed-window', 'sliding-window', 'sliding-log', 'token-bucket', 'gcra', 'concurrency'],
    },
    consume: down,
    peek: down,
    refund: down,
    release: down,
    reset: down,
    close: () => Promise.resolve(),
  };
}

/**
 * Builds adapter options from a scenario, given how to read a request header from the
 * framework's context and the harness's store (or store factory).
 *
 * @example
 * rateLimit(scenarioOptions(scenario, (req, name) => req.get(name), store))
 */
export function scenarioOptions<Ctx>(
  scenario: AdapterScenario,
  header: (ctx: Ctx, name: string) => string | undefined,
  store: Store | ((ctx: Ctx) => Store),
): HttpLimiterOptions<Ctx> {
  const { key, userHeader, apiKeyHeader, skipHeader, routes, store: storeKind, failure, ...plain } = scenario;
  const options: HttpLimiterOptions<Ctx> = {
    ...plain,
    store: storeKind === 'failing' ? failingStore() : store,
    clock: 'caller',
    now: () => SCENARIO_NOW,
    partitionKeySecret: 'conformance',
    onWarning: () => undefined,
  };
  if (failure === 'fallback') {
    options.failure = { policy: 'fallback', fallback: { store: createModelStore(), limit: FALLBACK_LIMIT } };
  } else if (failure) {
    options.failure = failure;
  }
  if (routes) options.routes = routes as RouteOptions<Ctx>[];
  if (key === 'custom') options.key = (ctx, info) => `custom:${header(ctx, CUSTOM_KEY_HEADER) ?? info.ip}`;
  else if (key) options.key = key;
  if (userHeader) options.userId = (ctx) => header(ctx, USER_HEADER);
  if (apiKeyHeader) options.apiKey = apiKeyHeader;
  if (skipHeader) options.skip = (ctx) => header(ctx, SKIP_HEADER) === '1';
  return options;
}

/** What a harness's handler reports about the Decision it sees, in {@link TEST_INFO_HEADER}. */
export function describeInfo(
  info: { allowed: boolean; reason: string; remaining: number; route: string } | undefined,
): string {
  return info === undefined
    ? 'none'
    : JSON.stringify({ allowed: info.allowed, reason: info.reason, remaining: info.remaining, route: info.route });
}
