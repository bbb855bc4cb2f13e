import { type NextProxy, rateLimitProxy, withRateLimit } from '@rl/next';
import type { NextRequest } from 'next/server.js';
import { type ClientKeyOf, clientKeyResolver } from '../api/client-key.ts';
import { logIn } from '../api/handlers.ts';
import { emailOf, INVALID_JSON, parseJsonBody } from '../api/json-body.ts';
import { createDemoContext, type DemoContext } from '../config/context.ts';
import { demoLimitOptions } from '../config/limit-options.ts';
import type { SettingsSource } from '../config/settings.ts';
import { NEXT_DEMO_KEY, type NextDemoHolder } from './holder.ts';

/** The demo as the Next app uses it: one context per process, the proxy, and the rate-limited login handler. */
export interface NextDemo {
  readonly demo: DemoContext;
  /** `rateLimitProxy` with every route of the shared table but login. */
  readonly proxy: NextProxy;
  /** `POST /api/auth/login` wrapped in `withRateLimit` (its account limit needs the body, which a proxy should not consume). */
  readonly login: (req: NextRequest, context: unknown) => Promise<Response>;
  readonly clientKey: ClientKeyOf;
}

async function bodyOf(req: NextRequest) {
  return parseJsonBody(req.headers.get('content-type') ?? undefined, await req.clone().text());
}

async function build(env: SettingsSource): Promise<NextDemo> {
  const demo = await createDemoContext('next', env);
  const options = demoLimitOptions<NextRequest>(demo, async (req) => emailOf(await bodyOf(req)));
  const routes = (names: (name: string | undefined) => boolean) => options.routes.filter((route) => names(route.name));
  const login = withRateLimit(
    async (req) => {
      const body = await bodyOf(req);
      const result = body.invalid ? INVALID_JSON : logIn(demo, body.value);
      return Response.json(result.body, { status: result.status });
    },
    { ...options, routes: routes((name) => name === 'login') },
  );
  return {
    demo,
    proxy: rateLimitProxy({ ...options, routes: routes((name) => name !== 'login') }),
    login,
    clientKey: clientKeyResolver(demo.network),
  };
}

/**
 * The Next app's demo, created on first use from `process.env` (or `env`, the first time) and
 * shared by proxy.ts and the route handlers through `globalThis`.
 *
 * @example
 * export async function proxy(req: NextRequest) { return (await nextDemo()).proxy(req) }
 */
export function nextDemo(env: SettingsSource = process.env): Promise<NextDemo> {
  const holder = globalThis as NextDemoHolder;
  let created = holder[NEXT_DEMO_KEY];
  if (created === undefined) {
    const building = build(env);
    holder[NEXT_DEMO_KEY] = created = building;
    building.catch(() => {
      if (holder[NEXT_DEMO_KEY] === building) delete holder[NEXT_DEMO_KEY]; // retried on the next request
    });
  }
  return created;
}
