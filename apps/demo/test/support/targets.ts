import { getRequestListener } from '@hono/node-server';
import { startWorker } from '@rl-internal/workerd';
import { createDemoContext, type DemoContext } from '../../src/config/context.ts';
import { createExpressApp } from '../../src/express/app.ts';
import { createHonoApp } from '../../src/hono/app.ts';
import { listen } from '../../src/node/serve.ts';
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, WORKER_ENTRY } from '../../src/worker/bundle.ts';
import { nextTarget } from './next-target.ts';
import { requestInit, type Target, TEST_ENV } from './send.ts';

async function nodeTarget(server: 'express' | 'hono', env: Record<string, string>): Promise<Target> {
  // TRUST_PROXY=1: the test client is a trusted proxy reporting each simulated client in X-Forwarded-For.
  const demo: DemoContext = await createDemoContext(server, { ...env, TRUST_PROXY: '1' }, { logger: false });
  const listener = server === 'express' ? createExpressApp(demo) : getRequestListener(createHonoApp(demo).fetch);
  const running = await listen(listener, 0, '127.0.0.1');
  return {
    server,
    send: (path, init) => fetch(`${running.url}${path}`, requestInit(init, 'x-forwarded-for')),
    async close() {
      running.server.closeAllConnections();
      await new Promise((resolve) => running.server.close(resolve));
      await demo.close();
    },
  };
}

/** Express 5 over real HTTP on loopback. */
export const expressTarget = (env: Record<string, string> = { ...TEST_ENV }) => nodeTarget('express', env);

/** The Hono app on @hono/node-server's request listener, over real HTTP on loopback. */
export const honoTarget = (env: Record<string, string> = { ...TEST_ENV }) => nodeTarget('hono', env);

/** The same Hono app bundled for Workers and run in workerd (miniflare); clients in CF-Connecting-IP. */
export async function workerTarget(env: Record<string, string> = { ...TEST_ENV }): Promise<Target> {
  const worker = await startWorker({
    entry: WORKER_ENTRY,
    bindings: env,
    compatibilityDate: COMPATIBILITY_DATE,
    compatibilityFlags: COMPATIBILITY_FLAGS,
  });
  return {
    server: 'worker',
    send: (path, init) => worker.fetch(path, requestInit(init, 'cf-connecting-ip')),
    close: () => worker.dispose(),
  };
}

export type { Send, Target } from './send.ts';
export { TEST_ENV } from './send.ts';
export { nextTarget };
