import { builtinModules } from 'node:module';
import { type RunningWorker, startWorker } from '@rl-internal/workerd';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('@rl/next is edge-safe', () => {
  it('bundles for a neutral platform with no Node builtin and no import but next/server', async () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    const imported = new Set<string>();
    await build({
      entryPoints: [new URL('../src/index.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      conditions: ['@rl/source'],
      logLevel: 'silent',
      plugins: [
        {
          name: 'watch-imports',
          setup(pluginBuild) {
            pluginBuild.onResolve({ filter: /^[^./]/ }, (args) => {
              if (builtins.has(args.path))
                return { errors: [{ text: `Node builtin ${args.path} in ${args.importer}` }] };
              if (args.path.startsWith('next')) {
                imported.add(args.path);
                return { path: args.path, external: true };
              }
              return undefined;
            });
          },
        },
      ],
    });
    expect([...imported]).toEqual(['next/server.js']);
  });

  describe('withRateLimit inside workerd', () => {
    let worker: RunningWorker;
    beforeAll(async () => {
      worker = await startWorker({ entry: new URL('./fixtures/route.worker.ts', import.meta.url).pathname });
    });
    afterAll(() => worker.dispose());

    const send = (ip: string) => worker.fetch('/api/messages', { headers: { 'x-forwarded-for': `6.6.6.6, ${ip}` } });

    it('limits a route built at module scope, keyed on the platform-appended address', async () => {
      expect(await (await send('203.0.113.9')).json()).toEqual({ remaining: 1 });
      expect((await send('203.0.113.9')).status).toBe(200);
      const refused = await send('203.0.113.9');
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(JSON.parse(await refused.text()).error.code).toBe('RATE_LIMIT_EXCEEDED');
      expect((await send('203.0.113.10')).status).toBe(200);
    });
  });
});
