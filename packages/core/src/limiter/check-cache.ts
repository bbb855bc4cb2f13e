import { buildKey } from '../keys/build-key.js';
import type { Rule } from '../rules/types.js';
import type { StoreCheck } from '../store.js';

/**
 * Builds the store checks (key + rule) of one limiter and remembers them for recently seen
 * identifiers, so hot identifiers reuse the same key strings (stores hash them once). Two
 * generations of at most `size` entries each: when the young one fills up it becomes the old one,
 * so memory stays bounded and a hot identifier survives the turnover.
 */
export function checkCache(prefix: string, rules: readonly Rule[], size = 1024): (identifier: string) => StoreCheck[] {
  let young = new Map<string, StoreCheck[]>();
  let old = new Map<string, StoreCheck[]>();
  const build = (identifier: string): StoreCheck[] =>
    rules.map((rule) => ({ key: buildKey(prefix, rule.name, identifier), rule }));
  // The last identifier asked for: a hot identifier skips even the map lookup.
  let lastIdentifier: string | undefined;
  let lastChecks: StoreCheck[] = [];
  return (identifier) => {
    if (identifier === lastIdentifier && lastIdentifier !== undefined) return lastChecks;
    let checks = young.get(identifier);
    if (checks !== undefined) {
      lastIdentifier = identifier;
      lastChecks = checks;
      return checks;
    }
    checks = old.get(identifier) ?? build(identifier);
    if (young.size >= size) {
      old = young;
      young = new Map();
    }
    if (identifier.length <= 256) young.set(identifier, checks);
    lastIdentifier = identifier;
    lastChecks = checks;
    return checks;
  };
}
