/**
 * `pnpm --filter @rl/demo start:next` — the demo's Next 16 app (next/: proxy.ts + App Router route
 * handlers) in a small custom server, so SIGTERM can tell open streams to reconnect before exiting.
 * Development mode by default (NODE_ENV=production serves a `next build`). Next bundles the @rl
 * packages from their builds: run `pnpm build` first. PORT (default 3002), HOST (default 127.0.0.1).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeSelection, selectBackend } from '@rl/auto';
import next from 'next';
import { readSettings } from '../config/settings.ts';
import { existingNextDemo } from '../next/holder.ts';
import { banner } from '../node/banner.ts';
import { drainAndClose } from '../node/graceful.ts';
import { listen, listenAddress } from '../node/serve.ts';

const dir = fileURLToPath(new URL('../../next', import.meta.url));
// Next's bundler resolves the workspace packages to their builds (it has no `@rl/source` condition).
for (const name of ['core', 'http', 'memory', 'next', 'auto']) {
  if (!existsSync(new URL(`../../../../packages/${name}/dist/index.js`, import.meta.url))) {
    console.error(
      `The Next app uses the built @rl packages and packages/${name}/dist is missing: run \`pnpm build\` in the repo root first.`,
    );
    process.exit(1);
  }
}
const { port, host } = listenAddress(process.env, 3002);
const app = next({ dev: process.env['NODE_ENV'] !== 'production', dir, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const running = await listen((req, res) => void handle(req, res), port, host);
const selection = selectBackend(process.env);
const info = {
  settings: readSettings(process.env),
  description: describeSelection(selection),
  shared: selection.backend !== 'memory',
};
console.log(banner('Next 16 (proxy.ts + route handlers)', running.url, info));

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) process.exit(1);
  stopping = true;
  console.log(`${signal} received.`);
  const created = existingNextDemo();
  if (created) await drainAndClose(running.server, (await created).demo, { log: console.log });
  else running.server.close();
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
