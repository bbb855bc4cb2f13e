import type { NextDemo } from './next-demo.ts';

/** Where the Next app's demo lives: `globalThis`, so proxy.ts and every route handler share it even when bundled apart. */
export const NEXT_DEMO_KEY = Symbol.for('@rl/demo:next');

/** `globalThis`, seen as the holder of the Next app's demo. */
export type NextDemoHolder = { [NEXT_DEMO_KEY]?: Promise<NextDemo> };

/**
 * The demo if the Next app already created it, without creating it (and without loading Next):
 * the custom server's graceful shutdown uses it.
 */
export function existingNextDemo(): Promise<NextDemo> | undefined {
  return (globalThis as NextDemoHolder)[NEXT_DEMO_KEY];
}
