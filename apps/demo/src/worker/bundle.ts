import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** The Worker entry (what wrangler.toml's `main` names). */
export const WORKER_ENTRY = fileURLToPath(new URL('./index.ts', import.meta.url));

/** Settings workerd needs for the demo Worker (wrangler.toml says the same). */
export const COMPATIBILITY_DATE = '2024-09-23';

/** `request.signal` aborts when the client goes away, so a closed stream gives its lease back at once. */
export const COMPATIBILITY_FLAGS = ['enable_request_signal'];

/**
 * Bundles the demo Worker as wrangler would — ESM, browser platform, the `workerd` export
 * conditions — plus `@rl/source`, so workspace packages come from their TypeScript sources and no
 * build is needed. Fails when anything pulls in a Node builtin: the Worker runs without `nodejs_compat`.
 *
 * @example
 * const script = await bundleWorker()
 * new Miniflare({ modules: true, script, compatibilityDate: COMPATIBILITY_DATE })
 */
export async function bundleWorker(entry = WORKER_ENTRY): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@rl/source', 'workerd', 'worker', 'browser'],
    write: false,
    logLevel: 'silent',
  });
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error(`esbuild produced no output for ${entry}`);
  return script;
}
