import type { Hono } from 'hono';
import { createDemoContext } from '../config/context.ts';
import { createHonoApp, type DemoEnv } from '../hono/app.ts';

/** The Worker's bindings: `UPSTASH_REDIS_REST_URL` / `_TOKEN` (secrets) and the `RL_*` variables. */
export type DemoBindings = Record<string, unknown>;

/** One app per isolate, built on the first request (bindings only exist inside a request). */
let app: Promise<Hono<DemoEnv>> | undefined;

function appFor(env: DemoBindings): Promise<Hono<DemoEnv>> {
  if (app === undefined) {
    app = createDemoContext('worker', env).then(createHonoApp);
    app.catch(() => {
      app = undefined; // a bad binding is reported, and retried once it is fixed
    });
  }
  return app;
}

/**
 * The demo on Cloudflare Workers: the same Hono app as on Node, its store from the bindings
 * (Upstash over REST, or memory per isolate), the client from `CF-Connecting-IP`.
 * `wrangler dev` / `wrangler deploy` use it (see wrangler.toml); `pnpm start:worker` runs it in
 * workerd through miniflare.
 */
export default {
  async fetch(request: Request, env: DemoBindings, ctx: unknown): Promise<Response> {
    let hono: Hono<DemoEnv>;
    try {
      hono = await appFor(env);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return Response.json({ error: { code: 'DEMO_CONFIG', message } }, { status: 500 });
    }
    return hono.fetch(request, env, ctx as never);
  },
};
