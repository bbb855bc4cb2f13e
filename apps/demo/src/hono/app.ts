import { nodeRemoteAddress, type RateLimitVariables, rateLimiter } from '@rl/hono';
import { type Context, Hono } from 'hono';
import { clientKeyResolver } from '../api/client-key.ts';
import { streamResponse } from '../api/fetch-sse.ts';
import {
  type JsonResult,
  listItems,
  logIn,
  metered,
  notFound,
  publicInfo,
  sendMessage,
  writeItem,
} from '../api/handlers.ts';
import { healthReport } from '../api/health.ts';
import { emailOf, INVALID_JSON, type JsonBody, parseJsonBody } from '../api/json-body.ts';
import { openStream } from '../api/open-stream.ts';
import { demoState } from '../api/state.ts';
import type { DemoContext } from '../config/context.ts';
import { demoLimitOptions } from '../config/limit-options.ts';
import { DASHBOARD_HTML } from '../dashboard/page.ts';

/** The Hono environment of the demo app: any bindings, and the Decision as `c.get('rateLimit')`. */
export type DemoEnv = { Variables: RateLimitVariables };

/** The request body as JSON; Hono caches the text, so the limiter's account reader and the handler share it. */
async function body(c: Context): Promise<JsonBody> {
  return parseJsonBody(c.req.header('content-type'), await c.req.text());
}

const json = (c: Context, result: JsonResult) =>
  c.json(result.body as object, result.status as 200, { 'Cache-Control': 'no-store' });

/** Runs a handler on the parsed body, or answers 400 for malformed JSON. */
async function withBody(c: Context, handle: (value: unknown) => JsonResult): Promise<Response> {
  const parsed = await body(c);
  return json(c, parsed.invalid ? INVALID_JSON : handle(parsed.value));
}

/**
 * The demo on Hono — one app for Node (@hono/node-server) and Workers (workerd): the shared route
 * table through `rateLimiter` from @rl/hono, the seeds' API, the SSE stream, health and the dashboard.
 * Edge-safe: nothing here needs Node.
 *
 * @example
 * const demo = await createDemoContext('hono', process.env)
 * serve({ fetch: createHonoApp(demo).fetch, port: 3001 })
 */
export function createHonoApp(demo: DemoContext): Hono<DemoEnv> {
  const app = new Hono<DemoEnv>();
  const clientKey = clientKeyResolver(demo.network);
  const keyOf = (c: Context) =>
    clientKey({
      method: c.req.method,
      path: c.req.path,
      headers: (name) => c.req.header(name),
      remoteAddress: nodeRemoteAddress(c),
    });

  app.get('/', (c) => c.html(DASHBOARD_HTML));
  app.use('/api/*', rateLimiter(demoLimitOptions<Context>(demo, async (c) => emailOf(await body(c)))));

  app.post('/api/v1/converse/message', (c) => withBody(c, (value) => sendMessage(demo, value)));
  app.get('/api/v1/converse/stream', async (c) => {
    const opening = await openStream(demo, keyOf(c), new URL(c.req.url).searchParams);
    return streamResponse(opening, c.req.raw.signal);
  });
  app.post('/api/auth/login', (c) => withBody(c, (value) => logIn(demo, value)));
  app.get('/api/items', (c) => json(c, listItems(demo)));
  app.post('/api/items', (c) => withBody(c, (value) => writeItem(demo, 'POST', undefined, value)));
  app.put('/api/items/:id', (c) => withBody(c, (value) => writeItem(demo, 'PUT', c.req.param('id'), value)));
  app.delete('/api/items/:id', (c) => withBody(c, (value) => writeItem(demo, 'DELETE', c.req.param('id'), value)));
  app.get('/api/public/*', (c) => json(c, publicInfo(demo, c.req.path)));
  app.get('/api/metered', (c) => json(c, metered(demo, c.req.header('x-api-key'))));
  app.get('/api/health', async (c) => json(c, await healthReport(demo)));
  app.get('/api/demo/state', async (c) => json(c, { status: 200, body: await demoState(demo, keyOf(c)) }));
  app.all('/api/*', (c) => json(c, notFound(c.req.path)));
  return app;
}
