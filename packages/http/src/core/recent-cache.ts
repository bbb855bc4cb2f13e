/** A bounded memo of values (never `undefined`: use `null` for "nothing") for recently seen string keys. */
export interface RecentCache<V extends NonNullable<unknown> | null> {
  /** The value remembered for `key`, or `make(key)` (remembered when the key is short enough). */
  get(key: string, make: (key: string) => V): V;
}

/**
 * Remembers values for recently seen keys in two generations of at most `size` entries each: when
 * the young one fills up it becomes the old one and the previous old one is dropped, so memory stays
 * bounded whatever the traffic while a hot key survives the turnover (it is found in the old
 * generation and carried back into the young one). Keys longer than `maxKeyLength` are never
 * remembered. The last key asked for skips even the map lookup.
 *
 * @example
 * const keys = recentCache<string>(1024)
 * keys.get('203.0.113.9', expensiveHash) // computed
 * keys.get('203.0.113.9', expensiveHash) // remembered
 */
export function recentCache<V extends NonNullable<unknown> | null>(size = 1024, maxKeyLength = 256): RecentCache<V> {
  let young = new Map<string, V>();
  let old = new Map<string, V>();
  let lastKey: string | undefined;
  let lastValue: V | undefined;
  return {
    get(key, make) {
      if (key === lastKey) return lastValue as V;
      let value = young.get(key);
      if (value === undefined) {
        value = old.get(key) ?? make(key);
        if (key.length > maxKeyLength) return value;
        if (young.size >= size) {
          old = young;
          young = new Map();
        }
        young.set(key, value);
      }
      lastKey = key;
      lastValue = value;
      return value;
    },
  };
}
