import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineProject, type ViteUserConfig } from 'vitest/config';

/** Workspace packages resolve to their TypeScript sources in tests (the `@rl/source` export condition). */
export const SOURCE_CONDITIONS = ['@rl/source'];

/**
 * One vitest project per package, named after it, resolving sibling packages to `src` so tests
 * need no build.
 */
export function rlProject(name: string, test: NonNullable<ViteUserConfig['test']> = {}) {
  return defineProject({
    resolve: { conditions: [...SOURCE_CONDITIONS, ...defaultClientConditions] },
    ssr: { resolve: { conditions: [...SOURCE_CONDITIONS, ...defaultServerConditions] } },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      ...test,
    },
  });
}
