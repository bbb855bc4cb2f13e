import { fixedWindow, type Rule, slidingLog } from '@rl/core';
import { preset, type RouteOptions } from '@rl/http';
import type { DemoSettings } from './settings.ts';

/** Reads the account a login is for (the JSON body's `email`), however the framework exposes the body. */
export type AccountReader<Ctx> = (ctx: Ctx) => Promise<unknown> | unknown;

/** Identifies the account of a login attempt: trimmed and lower-cased, or `anonymous`. */
export function accountKey(value: unknown): string {
  if (typeof value !== 'string') return 'anonymous';
  const account = value.trim().toLowerCase();
  return account === '' ? 'anonymous' : account.slice(0, 200);
}

/** The rules of every limited route, defined once: the route table and the viewer's quota both use them. */
export interface DemoRules {
  readonly message: Rule;
  readonly stream: Rule;
  readonly login: Rule;
  readonly read: Rule;
  readonly write: Rule;
  readonly public: Rule;
  readonly health: Rule;
  readonly metered: Rule;
}

/**
 * The demo's rules: the seeds' message (`RL_MSG_MAX`/min) and stream (`RL_STREAM_MAX`/min) limits as
 * fixed windows (their `INCR` + `EXPIRE`), the seed presets, and a metered API limit
 * (`RL_METERED_MAX`/hour) as a sliding log — no window boundary, so "exactly N of 2N" holds whenever
 * a run happens.
 *
 * @example
 * demoRules(readSettings({ RL_MSG_MAX: '10' })).message.limit // 10
 */
export function demoRules(settings: DemoSettings): DemoRules {
  return {
    message: fixedWindow({ name: 'message', limit: settings.messageMax, window: '1m' }),
    stream: fixedWindow({ name: 'stream', limit: settings.streamMax, window: '1m' }),
    login: preset('auth'),
    read: preset('read'),
    write: preset('write'),
    public: preset('public'),
    health: preset('health'),
    metered: slidingLog({ name: 'metered', limit: settings.meteredMax, window: '1h' }),
  };
}

/**
 * THE route table — one configuration for Express, Hono (Node and Workers) and Next. Every limit
 * is keyed on the client IP unless it says otherwise.
 *
 * @example
 * rateLimit({ store, routes: demoRoutes(demoRules(settings), (req) => req.body?.email) })
 */
export function demoRoutes<Ctx>(rules: DemoRules, account: AccountReader<Ctx>): RouteOptions<Ctx>[] {
  return [
    // Seed 000: RL_MSG_MAX messages per minute per IP.
    { name: 'message', path: '/api/v1/converse/message', methods: 'POST', rules: rules.message },
    // Seed 000: RL_STREAM_MAX stream requests per minute per IP; open streams are limited by a
    // concurrency lease in the handler (an HTTP limiter counts requests, not open connections).
    { name: 'stream', path: '/api/v1/converse/stream', methods: 'GET', rules: rules.stream },
    // Seed 003 auth preset: 5 per minute per IP AND 5 per minute per account; both must admit, and a
    // refusal by either charges neither.
    {
      name: 'login',
      path: '/api/auth/login',
      methods: 'POST',
      limits: [
        { name: 'ip', key: 'ip', rules: rules.login },
        { name: 'account', key: async (ctx) => `account:${accountKey(await account(ctx))}`, rules: rules.login },
      ],
    },
    // Seed 003 presets: read 100/min, write 50/min, public 10/min, health 1000/min.
    { name: 'read', path: '/api/items', methods: 'GET', rules: rules.read },
    { name: 'write', path: ['/api/items', '/api/items/:id'], methods: ['POST', 'PUT', 'DELETE'], rules: rules.write },
    { name: 'public', path: '/api/public/*', methods: 'GET', rules: rules.public },
    // Health checks are answered even while the store fails (fail-open on this route), so a monitor
    // sees the state — the handler itself answers 503 when the others fail closed.
    { name: 'health', path: '/api/health', methods: 'GET', rules: rules.health, failure: 'fail-open' },
    // A metered API: RL_METERED_MAX per hour per API key (`x-api-key`), whichever instance serves it.
    { name: 'metered', path: '/api/metered', methods: 'GET', key: 'apiKey', rules: rules.metered },
  ];
}

/** A limited route as the dashboard and the viewer's quota see it. */
export interface RouteSummary {
  /** The route name (the storage key prefix is `rl:<limiter>`). */
  readonly name: string;
  /** The limiter that holds the viewer's per-IP count: the route, or `login:ip`. */
  readonly limiter: string;
  readonly method: string;
  /** A path to send a request to. */
  readonly path: string;
  readonly rule: Rule;
  readonly description: string;
}

/** The IP-keyed routes, in dashboard order (the metered route is keyed by API key, not by viewer). */
export function routeSummaries(rules: DemoRules, settings: DemoSettings): RouteSummary[] {
  const perMinute = (rule: Rule) => `${rule.limit}/min per IP`;
  return [
    { name: 'public', limiter: 'public', method: 'GET', path: '/api/public/info', rule: rules.public },
    { name: 'read', limiter: 'read', method: 'GET', path: '/api/items', rule: rules.read },
    { name: 'write', limiter: 'write', method: 'POST', path: '/api/items', rule: rules.write },
    { name: 'message', limiter: 'message', method: 'POST', path: '/api/v1/converse/message', rule: rules.message },
    { name: 'stream', limiter: 'stream', method: 'GET', path: '/api/v1/converse/stream', rule: rules.stream },
    { name: 'login', limiter: 'login:ip', method: 'POST', path: '/api/auth/login', rule: rules.login },
    { name: 'health', limiter: 'health', method: 'GET', path: '/api/health', rule: rules.health },
  ].map((route) => ({
    ...route,
    description:
      route.name === 'login'
        ? `${perMinute(route.rule)} and per account`
        : route.name === 'stream'
          ? `${perMinute(route.rule)}, ${settings.streamConcurrency} open at once`
          : perMinute(route.rule),
  }));
}
