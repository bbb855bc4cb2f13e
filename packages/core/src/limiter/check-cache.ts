import { encodeIdentifier, idBudget, joinKey, keyScope } from '../keys/build-key.js';
import type { Rule } from '../rules/types.js';
import type { StoreCheck } from '../store.js';

/** Identifiers longer than this are neither cached nor kept as a key's id (they are hashed). */
const MAX_KEPT_LENGTH = 256;

/**
 * A copy of `text` that keeps no larger string alive. V8 may represent a substring of 13 or more
 * characters as a view into the string it was cut from (a header, a body); the cache, and stores
 * that index by id, keep identifiers for as long as their keys live. Shorter substrings are copies
 * already, and longer identifiers than are ever kept need none.
 */
function ownedCopy(text: string): string {
  // Not a string: passed through for encodeIdentifier to reject with a clear error.
  if (typeof text !== 'string' || text.length < 13 || text.length > MAX_KEPT_LENGTH) return text;
  return ` ${text}`.slice(1);
}

/** Of every `size` lookups, fewer hits than `size / MIN_HIT_SHARE` mean the identifiers are too many to cache. */
const MIN_HIT_SHARE = 8;
/** How many `size`-long periods the cache is then bypassed before it measures again. */
const BYPASS_PERIODS = 8;

/**
 * Builds the store checks (key, rule, and the key's scope and id) of one limiter and remembers them
 * for recently seen identifiers, so hot identifiers reuse the same checks and strings. Two
 * generations of at most `size` entries each: when the young one fills up it becomes the old one,
 * so memory stays bounded and a hot identifier survives the turnover.
 *
 * When identifiers are too many for it (fewer than one lookup in 8 hits over `size` lookups: many
 * distinct clients, or every call a new one), remembering costs more than it saves — two misses, an
 * insert, and a generation to throw away every `size` calls — so for the next `8 × size` lookups
 * checks are built without it, then it measures again.
 */
export function checkCache(prefix: string, rules: readonly Rule[], size = 1024): (identifier: string) => StoreCheck[] {
  let young = new Map<string, StoreCheck[]>();
  let old = new Map<string, StoreCheck[]>();
  const scopes = rules.map((rule) => keyScope(prefix, rule.name));
  const budgets = scopes.map(idBudget);
  const checkOf = (identifier: string, i: number): StoreCheck => {
    const scope = scopes[i] as string;
    const id = encodeIdentifier(identifier, budgets[i] as number);
    return { key: joinKey(scope, id), rule: rules[i] as Rule, scope, id };
  };
  // `own` is an identifier from ownedCopy. One rule (the common case): an array literal, sized exactly.
  const build = (own: string): StoreCheck[] =>
    rules.length === 1 ? [checkOf(own, 0)] : rules.map((_, i) => checkOf(own, i));
  // The last identifier asked for: a hot identifier skips even the map lookup.
  let lastIdentifier: string | undefined;
  let lastChecks: StoreCheck[] = [];
  let lookups = 0;
  let hits = 0;
  let bypass = 0;

  const cached = (identifier: string): StoreCheck[] => {
    let checks = young.get(identifier);
    if (checks !== undefined) {
      hits++;
      return checks;
    }
    checks = old.get(identifier);
    const own = ownedCopy(identifier);
    if (checks !== undefined) hits++;
    else checks = build(own);
    if (young.size >= size) {
      old = young;
      young = new Map();
    }
    if (own.length <= MAX_KEPT_LENGTH) young.set(own, checks);
    return checks;
  };

  return (identifier) => {
    if (identifier === lastIdentifier && lastIdentifier !== undefined) return lastChecks;
    let checks: StoreCheck[];
    if (bypass > 0) {
      bypass--;
      checks = build(ownedCopy(identifier));
    } else {
      checks = cached(identifier);
      if (++lookups === size) {
        if (hits * MIN_HIT_SHARE < size) bypass = BYPASS_PERIODS * size;
        lookups = 0;
        hits = 0;
      }
    }
    lastIdentifier = identifier;
    lastChecks = checks;
    return checks;
  };
}
