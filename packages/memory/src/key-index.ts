import { joinKey } from '@rl/core';

/** An index entry, as the CLOCK hand reads it. */
export interface IndexEntry {
  scope: string;
  id: string;
  slot: number;
}

/**
 * Where each key's slot is: one `Map` per key scope (`<prefix>:<rule>:`, see `splitKey` in
 * @rl/core) from the encoded identifier to the slot. A limiter's checks carry it as `id` (the
 * caller's own string when short and plain), so a check finds its slot without a key being built,
 * hashed or compared character by character (the index's key is that string, or equal to it; the
 * limiter gives ids that hold no larger string alive). Scopes are few; each empty scope's `Map` is dropped.
 *
 * It also carries the CLOCK hand: a walk over every entry, scope by scope, round and round, that
 * survives entries being added and deleted under it.
 */
export class KeyIndex {
  private readonly scopes = new Map<string, Map<string, number>>();
  private count = 0;
  // The scope looked up last: a limiter passes the same scope string every call.
  private lastScope: string | undefined;
  private lastMap: Map<string, number> | undefined;
  private outer: Iterator<[string, Map<string, number>]> | undefined;
  private inner: Iterator<[string, number]> | undefined;
  private readonly hand: IndexEntry = { scope: '', id: '', slot: 0 };
  private passes = 0;

  /** Keys held. */
  get size(): number {
    return this.count;
  }

  /**
   * Passes the hand has completed: it goes up when the hand has been over every scope and starts
   * again. A pass visits every entry that was held when it began and is still held when reached.
   */
  get rounds(): number {
    return this.passes;
  }

  private mapOf(scope: string): Map<string, number> | undefined {
    if (scope === this.lastScope) return this.lastMap;
    const map = this.scopes.get(scope);
    if (map !== undefined) {
      this.lastScope = scope;
      this.lastMap = map;
    }
    return map;
  }

  get(scope: string, id: string): number | undefined {
    return this.mapOf(scope)?.get(id);
  }

  /** Adds a key that is not held. */
  add(scope: string, id: string, slot: number): void {
    let map = this.mapOf(scope);
    if (map === undefined) {
      map = new Map();
      this.scopes.set(scope, map);
      this.lastScope = scope;
      this.lastMap = map;
    }
    map.set(id, slot);
    this.count++;
  }

  delete(scope: string, id: string): void {
    const map = this.mapOf(scope);
    if (map === undefined || !map.delete(id)) return;
    this.count--;
    if (map.size > 0) return;
    this.scopes.delete(scope);
    this.lastScope = undefined;
    this.lastMap = undefined;
  }

  /** The next entry under the CLOCK hand (the same object each time), or undefined when empty. */
  next(): IndexEntry | undefined {
    // Two wraps without an entry cannot happen while count > 0; the bound only guards the loop.
    for (let wraps = 0; this.count > 0 && wraps < 2; ) {
      if (this.inner !== undefined) {
        const step = this.inner.next();
        if (!step.done) {
          this.hand.id = step.value[0];
          this.hand.slot = step.value[1];
          return this.hand;
        }
        this.inner = undefined;
      }
      this.outer ??= this.scopes.entries();
      const scope = this.outer.next();
      if (scope.done) {
        this.outer = undefined;
        this.passes++;
        wraps++;
        continue;
      }
      this.hand.scope = scope.value[0];
      this.inner = scope.value[1].entries();
    }
    return undefined;
  }

  /** Visits every entry; `visit` may delete the entry it is given. */
  forEach(visit: (scope: string, id: string, slot: number) => void): void {
    for (const [scope, map] of this.scopes) for (const [id, slot] of map) visit(scope, id, slot);
  }

  /** The keys held, as `joinKey` writes them (keys that were not of that form, as they were). */
  *keys(): IterableIterator<string> {
    for (const [scope, map] of this.scopes) {
      for (const id of map.keys()) yield scope === '' ? id : joinKey(scope, id);
    }
  }

  clear(): void {
    this.scopes.clear();
    this.count = 0;
    this.lastScope = undefined;
    this.lastMap = undefined;
    this.outer = undefined;
    this.inner = undefined;
  }
}
