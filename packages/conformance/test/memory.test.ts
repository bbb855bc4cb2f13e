import type { MemoryStore } from '@rl/memory';
import { memoryStore } from '@rl/memory';
import { describeStore } from '../src/index.js';

let last: MemoryStore | undefined;

describeStore(
  'memory',
  () => {
    last = memoryStore();
    return last;
  },
  {
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
