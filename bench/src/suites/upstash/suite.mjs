import { startGateway, startRedisServer } from '../../lib/services.mjs';
import { PEERS } from './subjects.mjs';

const ALGORITHMS = [
  ['fixed', 'fixed window'],
  ['sliding', 'sliding window'],
];

/** The Upstash suite: @upstash/redis over REST through the local gateway onto a real redis-server. */
export const upstashSuite = {
  name: 'upstash',
  description:
    'The same `@upstash/redis` client (defaults, auto-pipelining on, no retries) through `@rl-internal/upstash-gateway` (in the bench’s main process) onto a redis-server on loopback; the same algorithm on both sides, a 60 s window over 10 000 client addresses.',
  script: new URL('./case.mjs', import.meta.url).pathname,
  durationMs: { quick: 400, full: 2000 },
  ours: 'rl',
  peers: PEERS,
  cases: ALGORITHMS.flatMap(([algorithm, label]) => [
    {
      name: `${label} c=32 throughput`,
      run: `${algorithm}-c32`,
      metric: 'throughput',
      unit: 'checks/s',
      higherIsBetter: true,
    },
    {
      name: `${label} c=32 client CPU per check`,
      run: `${algorithm}-c32`,
      metric: 'cpu',
      unit: 'µs',
      higherIsBetter: false,
    },
    { name: `${label} c=1 latency p50`, run: `${algorithm}-c1`, metric: 'p50', unit: 'µs', higherIsBetter: false },
  ]),
  targets: ALGORITHMS.map(([, label]) => ({
    label: `${label}: c=32 throughput ≥ 1.2× @upstash/ratelimit`,
    case: `${label} c=32 throughput`,
    vs: { subject: '@upstash/ratelimit' },
    min: 1.2,
  })),
  async setup() {
    const server = await startRedisServer();
    const gateway = await startGateway(server);
    return {
      env: { REDIS_URL: server.url, UPSTASH_URL: gateway.url, UPSTASH_TOKEN: gateway.token },
      async teardown() {
        await gateway.close();
        await server.stop();
      },
    };
  },
};
