/**
 * `pnpm --filter @rl/demo start:worker` — the demo's Hono app inside workerd (the Workers runtime),
 * through miniflare: bundled like wrangler does, served on PORT (default 8787). The Worker reads the
 * same variables from its bindings: UPSTASH_REDIS_REST_URL/TOKEN for shared limits (Workers have no
 * TCP Redis), RL_* limits. Deploy with `wrangler deploy` (see wrangler.toml).
 */
import { describeSelection, selectBackend } from '@rl/auto';
import { Miniflare } from 'miniflare';
import { readSettings } from '../config/settings.ts';
import { banner } from '../node/banner.ts';
import { listenAddress } from '../node/serve.ts';
import { bundleWorker, COMPATIBILITY_DATE, COMPATIBILITY_FLAGS } from '../worker/bundle.ts';

const PASSED = /^(RL_|UPSTASH_REDIS_REST_|REDIS_|SKIP_REDIS_WARNING$|NODE_ENV$)/;

const bindings: Record<string, string> = {};
for (const [name, value] of Object.entries(process.env)) {
  if (PASSED.test(name) && value !== undefined) bindings[name] = value;
}
const settings = readSettings(bindings);
const selection = selectBackend(bindings);
if (selection.backend === 'redis') {
  console.error(
    'Workers have no TCP Redis client: set UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN instead of REDIS_URL.',
  );
  process.exit(1);
}
const { port, host } = listenAddress(process.env, 8787);
const miniflare = new Miniflare({
  modules: true,
  script: await bundleWorker(),
  compatibilityDate: COMPATIBILITY_DATE,
  compatibilityFlags: COMPATIBILITY_FLAGS,
  bindings,
  host,
  port,
});
const url = (await miniflare.ready).toString().replace(/\/$/, '');
const info = { settings, description: describeSelection(selection), shared: selection.backend !== 'memory' };
console.log(banner('Hono in workerd (miniflare)', url, info));

let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  miniflare.dispose().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
