/**
 * `pnpm demo` — the demo on Express 5, on the store the environment asks for (memory by default).
 * PORT (default 3000), HOST (default 127.0.0.1), REDIS_URL or UPSTASH_REDIS_REST_URL/TOKEN, RL_* limits.
 */
import { createDemoContext } from '../config/context.ts';
import { createExpressApp } from '../express/app.ts';
import { runNodeServer } from '../node/serve.ts';

const demo = await createDemoContext('express', process.env);
await runNodeServer('Express', createExpressApp(demo), demo, 3000);
