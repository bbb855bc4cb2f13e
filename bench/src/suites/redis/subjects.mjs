import { createLimiter, fixedWindow, slidingWindow, tokenBucket } from '@rl/core';
import { createRedisClient, redisStore } from '@rl/redis-tcp';
import Redis from 'ioredis';
import RateLimitRedisStore from 'rate-limit-redis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import { tsImport } from 'tsx/esm/api';

const WINDOW_MS = 60_000;

/** The baseline: the least a fixed window on Redis can do — one EVALSHA of INCR + PEXPIRE. */
const RAW_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

function ours(rules) {
  return async ({ url, limit, autoPipelining }) => {
    const client = createRedisClient({ url, enableAutoPipelining: autoPipelining });
    const limiter = createLimiter({ store: redisStore({ client }), rules: rules(limit) });
    return { hit: (key) => limiter.limit(key).then((d) => d.allowed), close: () => client.disconnect() };
  };
}

/**
 * Each subject: `await make({ url, limit, autoPipelining })` → `{ hit(key), close() }`, `hit`
 * resolving true when admitted, for a limit per 60 s window. Ours uses the client its README
 * recommends (`createRedisClient`); the peers and the baseline a plain `new Redis(url)`, as their
 * documentation does.
 */
export const SUBJECTS = {
  rl: ours((limit) => fixedWindow({ limit, window: WINDOW_MS })),
  'rl-sliding-window': ours((limit) => slidingWindow({ limit, window: WINDOW_MS })),
  'rl-token-bucket': ours((limit) => tokenBucket({ limit, interval: WINDOW_MS })),
  async 'rate-limit-redis'({ url, limit, autoPipelining }) {
    const client = new Redis(url, { enableAutoPipelining: autoPipelining });
    // express-rate-limit's store interface, called directly: init() once, increment(key) per request.
    const store = new RateLimitRedisStore({ sendCommand: (...args) => client.call(...args), prefix: 'rlr:' });
    await store.init({ windowMs: WINDOW_MS });
    return {
      hit: (key) => store.increment(key).then((info) => info.totalHits <= limit),
      close: () => client.disconnect(),
    };
  },
  async 'rate-limiter-flexible'({ url, limit, autoPipelining }) {
    const client = new Redis(url, { enableAutoPipelining: autoPipelining });
    const limiter = new RateLimiterRedis({ storeClient: client, points: limit, duration: WINDOW_MS / 1000 });
    const denied = (reason) => {
      if (reason instanceof Error) throw reason;
      return false;
    };
    return { hit: (key) => limiter.consume(key).then(() => true, denied), close: () => client.disconnect() };
  },
  /**
   * Our own fixed-window script sent through plain ioredis (`evalsha`), with the arguments @rl sends:
   * against `rl`, what @rl's store layer adds to its script; against `raw-evalsha`, what the script
   * itself costs over the minimal one.
   */
  async 'raw-evalsha-rl-script'({ url, limit, autoPipelining }) {
    const { CONSUME_VARIANTS, clockArgs, encodeCall } = await tsImport('@rl-internal/redis-scripts', import.meta.url);
    const script = CONSUME_VARIANTS['fixed-window'];
    const client = new Redis(url, { enableAutoPipelining: autoPipelining });
    await client.script('LOAD', script.source);
    const rule = fixedWindow({ limit, window: WINDOW_MS });
    // ARGV as the store encodes it: store clock, cost 1, no lease, then the rule.
    const { args } = encodeCall([{ key: '', rule }], [...clockArgs(undefined, 0), '1', '']);
    return {
      hit: (key) => client.evalsha(script.sha1, 1, `rl-raw:${rule.name}:{${key}}`, ...args).then((r) => r[1] === 1),
      close: () => client.disconnect(),
    };
  },
  async 'raw-evalsha'({ url, limit, autoPipelining }) {
    const client = new Redis(url, { enableAutoPipelining: autoPipelining });
    const sha = await client.script('LOAD', RAW_SCRIPT);
    const window = String(WINDOW_MS);
    return {
      hit: (key) => client.evalsha(sha, 1, `raw:${key}`, window).then((n) => n <= limit),
      close: () => client.disconnect(),
    };
  },
};

export const VARIANTS = ['rl-sliding-window', 'rl-token-bucket'];
export const PEERS = ['rate-limit-redis', 'rate-limiter-flexible'];
export const BASELINES = ['raw-evalsha', 'raw-evalsha-rl-script'];
