import { defineConfig, type Options } from 'tsup';

/**
 * The build every published @rl package uses: ESM + CJS + .d.ts from `src/index.ts` (plus any extra
 * entries), ES2022, no bundled dependencies. `platform: "neutral"` for edge-safe packages.
 */
export function rlTsup(options: Partial<Options> = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    treeshake: true,
    splitting: false,
    platform: 'neutral',
    ...options,
  });
}
