import { type AutoLogger, type AutoStore, createStoreFromEnv } from '@rl/auto';
import { concurrency, createLimiter, type FailureOptions, type FailurePolicy, type Limiter } from '@rl/core';
import { memoryStore } from '@rl/memory';
import { createStreamHub, type StreamHub } from '../api/stream-hub.ts';
import { createDecisionFeed, type DecisionFeed } from '../feed/decision-feed.ts';
import { type NetworkOptions, networkFor, type ServerName } from './network.ts';
import { type DemoRules, demoRules, type RouteSummary, routeSummaries } from './routes.ts';
import { type DemoSettings, readSettings, type SettingsSource } from './settings.ts';

export type { ServerName } from './network.ts';

/** Everything the routes share on one server instance: store, policy, rules, feed, open streams. */
export interface DemoContext {
  readonly server: ServerName;
  /** Tells instances apart in responses (the process id on Node, a random id on Workers). */
  readonly instance: string;
  readonly settings: DemoSettings;
  readonly rules: DemoRules;
  readonly routes: readonly RouteSummary[];
  readonly network: NetworkOptions;
  /** The store @rl/auto chose from the environment (Upstash → Redis → memory), guarded. */
  readonly store: AutoStore;
  /** The failure policy of every limiter; undefined for the in-process memory store, which cannot fail. */
  readonly failure: FailureOptions | undefined;
  readonly feed: DecisionFeed;
  readonly hub: StreamHub;
  /** Open SSE streams per IP: a concurrency lease taken when a stream opens, released when it closes. */
  readonly streams: Limiter;
  /** Read-only views of the per-IP limits, by limiter name (`message`, `login:ip`...), for the viewer's quota. */
  readonly quota: ReadonlyMap<string, Limiter>;
  close(): Promise<void>;
}

/** How long a stream lease lives if its server dies without releasing it; streams end before it. */
export const STREAM_LEASE_MS = 6 * 60_000;

/** The key prefix of every limit (the route name follows: `rl:message:message:{203.0.113.9}`). */
export const KEY_PREFIX = 'rl';

function failureOptions(policy: FailurePolicy): FailureOptions {
  return policy === 'fallback' ? { policy, fallback: { store: memoryStore() } } : { policy };
}

function instanceId(): string {
  const host = globalThis as { process?: { pid?: number } };
  if (typeof host.process?.pid === 'number') return `pid-${host.process.pid}`;
  return `isolate-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Builds one server's demo context from its environment: `createStoreFromEnv` picks Upstash, Redis or
 * memory (and logs which), and every limiter on it follows `RL_FAILURE_POLICY`.
 *
 * @example
 * const demo = await createDemoContext('express', process.env)
 * app.use(rateLimit(demoLimitOptions(demo, (req) => req.body?.email)))
 */
export async function createDemoContext(
  server: ServerName,
  env: SettingsSource,
  options: { logger?: AutoLogger | false } = {},
): Promise<DemoContext> {
  const settings = readSettings(env);
  const store = await createStoreFromEnv(env, {
    policy: settings.failurePolicy,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  const failure = store.shared ? failureOptions(settings.failurePolicy) : undefined;
  const withFailure = failure === undefined ? {} : { failure };
  const rules = demoRules(settings);
  const routes = routeSummaries(rules, settings);
  const quota = new Map<string, Limiter>();
  for (const route of routes) {
    quota.set(
      route.limiter,
      createLimiter({ store, rules: route.rule, prefix: `${KEY_PREFIX}:${route.limiter}`, ...withFailure }),
    );
  }
  return {
    server,
    instance: instanceId(),
    settings,
    rules,
    routes,
    network: networkFor(server, settings),
    store,
    failure,
    feed: createDecisionFeed(),
    hub: createStreamHub(),
    streams: createLimiter({
      store,
      prefix: `${KEY_PREFIX}:stream-open`,
      rules: concurrency({ name: 'streams', limit: settings.streamConcurrency, leaseMs: STREAM_LEASE_MS }),
      ...withFailure,
    }),
    quota,
    close: () => store.close(),
  };
}
