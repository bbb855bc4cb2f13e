import { RateLimitError, type Store } from '@rl/core';
import type { RedisSelection, UpstashSelection } from '../select/types.js';

/** A store a loader created, and how to wait until its connection is usable. */
export interface LoadedStore {
  readonly store: Store;
  /** Resolves once the client is connected, or gives up quietly after its own timeout. */
  ready?(): Promise<void>;
}

/** How each backend is loaded; the Node and edge entry points bind different ones. */
export interface StoreLoaders {
  readonly upstash: (selection: UpstashSelection) => Promise<LoadedStore>;
  readonly redis: (selection: RedisSelection) => Promise<LoadedStore>;
}

/** The error when a lazily loaded package is not installed. */
export function missingPackage(packages: string, variable: string, cause: unknown): RateLimitError {
  return new RateLimitError(
    'RL_INVALID_CONFIG',
    `${variable} asks for a backend whose package is not installed: run \`pnpm add ${packages}\` (or npm/yarn), or unset ${variable}.`,
    { cause, details: { option: variable, variable, packages } },
  );
}

/** Runs a dynamic import, turning "module not found" into {@link missingPackage}. */
export async function load<T>(importer: () => Promise<T>, packages: string, variable: string): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : String(error);
    if (
      code === 'ERR_MODULE_NOT_FOUND' ||
      code === 'MODULE_NOT_FOUND' ||
      /Cannot find (module|package)/i.test(message)
    ) {
      throw missingPackage(packages, variable, error);
    }
    throw error;
  }
}
