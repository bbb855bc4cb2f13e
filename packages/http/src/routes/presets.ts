import { fixedWindow, invalidConfig, type Rule } from '@rl/core';

/** The limits the seed projects recommend, per operation type. */
export type PresetName = 'read' | 'write' | 'auth' | 'public' | 'health';

/** Requests per 60 s window for each preset. */
export const PRESETS: Readonly<Record<PresetName, { readonly maxRequests: number; readonly windowMs: number }>> =
  Object.freeze({
    read: Object.freeze({ maxRequests: 100, windowMs: 60_000 }),
    write: Object.freeze({ maxRequests: 50, windowMs: 60_000 }),
    auth: Object.freeze({ maxRequests: 5, windowMs: 60_000 }),
    public: Object.freeze({ maxRequests: 10, windowMs: 60_000 }),
    health: Object.freeze({ maxRequests: 1000, windowMs: 60_000 }),
  });

/**
 * A preset as a fixed-window rule named after it: read 100/min, write 50/min, auth 5/min,
 * public 10/min, health 1000/min.
 *
 * @example
 * createLimiter({ store, rules: preset('auth') }) // 5 requests per 60 s
 */
export function preset(name: PresetName): Rule {
  const entry = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (!entry) throw invalidConfig('preset', name, `one of ${Object.keys(PRESETS).join(', ')}`);
  return fixedWindow({ name, limit: entry.maxRequests, window: entry.windowMs });
}
