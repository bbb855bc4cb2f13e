import type { StoreInspector } from '@rl/conformance';
import type { Cluster, Redis } from 'ioredis';

async function countKeys(node: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const [next, keys] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    count += keys.length;
  } while (cursor !== '0');
  return count;
}

/** The conformance back door: PTTL of a key, and the keys under a prefix on every master. */
export function redisInspector(client: Redis | Cluster): StoreInspector {
  const masters = (): Redis[] => (client.isCluster ? (client as Cluster).nodes('master') : [client as Redis]);
  return {
    async ttlMs(key) {
      const ttl = await client.pttl(key);
      return ttl < 0 ? undefined : ttl;
    },
    async keyCount(prefix) {
      const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*`;
      const counts = await Promise.all(masters().map((node) => countKeys(node, pattern)));
      return counts.reduce((a, b) => a + b, 0);
    },
  };
}
