import { describeStore } from '@rl/conformance';
import { guardStore } from '@rl/core';
import { type MemoryStore, memoryStore } from '@rl/memory';

// The guard (timeout + circuit breaker) must be invisible while the store answers: the whole store
// suite runs through it, including the concurrency and atomicity groups.
let last: MemoryStore | undefined;

describeStore(
  'memory behind guardStore (200 ms timeout, circuit breaker)',
  () => {
    last = memoryStore();
    return guardStore(last, { timeout: 200 });
  },
  {
    numRuns: 200,
    inspect: {
      async ttlMs(key, now) {
        const at = last?.expiresAt(key);
        return at === undefined ? undefined : at - now;
      },
      async keyCount(prefix) {
        let count = 0;
        for (const key of last?.keys() ?? []) if (key.startsWith(prefix)) count++;
        return count;
      },
    },
  },
);
