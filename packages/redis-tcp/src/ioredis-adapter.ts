import type { RedisLike } from '@rl-internal/redis-scripts';
import type { Cluster, Redis } from 'ioredis';

/** Adapts an ioredis `Redis` or `Cluster` to the narrow client the scripts need. */
export function fromIoredis(client: Redis | Cluster): RedisLike {
  return {
    evalsha: (sha1, keys, args) => client.evalsha(sha1, keys.length, keys.concat(args)),
    eval: (script, keys, args) => client.eval(script, keys.length, keys.concat(args)),
    del: (...keys) => client.del(...keys),
  };
}
