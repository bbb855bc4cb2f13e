import { ALL_SCRIPTS } from '@rl-internal/redis-scripts';

/** The commands the Lua scripts (every variant) run inside Redis (lowercase), read from their source. */
export const INNER: ReadonlySet<string> = new Set(
  ALL_SCRIPTS.flatMap((script) =>
    [...script.source.matchAll(/redis\.p?call\('([A-Z]+)'/g)].map((m) => (m[1] as string).toLowerCase()),
  ),
);
