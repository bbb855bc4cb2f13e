/**
 * `pnpm --filter @rl/demo start:hono` — the demo's Hono app on @hono/node-server.
 * PORT (default 3001), HOST (default 127.0.0.1), REDIS_URL or UPSTASH_REDIS_REST_URL/TOKEN, RL_* limits.
 */
import { getRequestListener } from '@hono/node-server';
import { createDemoContext } from '../config/context.ts';
import { createHonoApp } from '../hono/app.ts';
import { runNodeServer } from '../node/serve.ts';

const demo = await createDemoContext('hono', process.env);
await runNodeServer('Hono on Node', getRequestListener(createHonoApp(demo).fetch), demo, 3001);
