import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';

/** A worker running in workerd. */
export interface RunningWorker {
  /** Sends a request to the worker (path relative to http://worker.test). */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** The bundled script, for inspection. */
  readonly script: string;
  dispose(): Promise<void>;
}

/** Options of {@link startWorker}. */
export interface StartWorkerOptions {
  /** Path of the worker's entry module (exports `default { fetch }`). */
  entry: string;
  /** Plain-text or JSON bindings, available on `env`. */
  bindings?: Record<string, unknown>;
  /** Compatibility date passed to workerd. */
  compatibilityDate?: string;
  /** Compatibility flags, e.g. `["nodejs_compat"]`. None by default: edge code must not need Node. */
  compatibilityFlags?: string[];
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

/**
 * Bundles `entry` with esbuild for workerd (ESM, browser platform, workspace packages from source)
 * and starts it in miniflare. Any import of a Node builtin fails the bundle, loudly.
 *
 * @example
 * const worker = await startWorker({ entry: new URL('./fixtures/limiter.worker.ts', import.meta.url).pathname })
 * const res = await worker.fetch('/run')
 * await worker.dispose()
 */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const result = await build({
    entryPoints: [options.entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@rl/source', 'workerd', 'worker', 'browser'],
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'no-node-builtins',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /.*/ }, (args) => {
            if (NODE_BUILTINS.has(args.path)) {
              return {
                errors: [
                  { text: `Node builtin "${args.path}" imported by ${args.importer}: edge code must not use it` },
                ],
              };
            }
            return undefined;
          });
        },
      },
    ],
  });
  const script = result.outputFiles[0]?.text ?? '';
  const miniflare = new Miniflare({
    modules: true,
    script,
    compatibilityDate: options.compatibilityDate ?? '2024-09-23',
    compatibilityFlags: options.compatibilityFlags ?? [],
    bindings: (options.bindings ?? {}) as Record<string, never>,
  });
  await miniflare.ready;
  return {
    script,
    fetch: (path, init) =>
      miniflare.dispatchFetch(`http://worker.test${path}`, init as never) as unknown as Promise<Response>,
    dispose: () => miniflare.dispose(),
  };
}
