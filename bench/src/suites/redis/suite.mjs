import { startRedisServer } from '../../lib/services.mjs';
import { BASELINES, PEERS, VARIANTS } from './subjects.mjs';

const C256 = { run: 'c256', metric: 'throughput', unit: 'checks/s', higherIsBetter: true };

/** The Redis suite: ioredis against the bench's own redis-server on loopback. */
export const redisSuite = {
  name: 'redis',
  description:
    'ioredis to a redis-server the bench starts on a free loopback port; a fixed window of 60 s (ours also as sliding window and token bucket) over 10 000 client addresses. Commands per check over 2 000 checks: *sent* counts what clients sent (`MONITOR`, whose source tells a script’s own calls apart), *executed* is the `INFO commandstats` delta, which also counts the commands scripts run. CPU is the client process’s user + system time divided by the checks made; Redis script time is the `usec` of EVALSHA/EVAL in `INFO commandstats` (the whole script, its inner commands included) divided by the checks made.',
  script: new URL('./case.mjs', import.meta.url).pathname,
  durationMs: { quick: 400, full: 2000 },
  ours: 'rl',
  variants: VARIANTS,
  peers: PEERS,
  baselines: BASELINES,
  cases: [
    { name: 'c=1 latency p50', run: 'c1', metric: 'p50', unit: 'µs', higherIsBetter: false },
    { name: 'c=1 latency p99', run: 'c1', metric: 'p99', unit: 'µs', higherIsBetter: false },
    { name: 'c=256 throughput', ...C256 },
    { name: 'c=256 client CPU per check', run: 'c256', metric: 'cpu', unit: 'µs', higherIsBetter: false },
    { name: 'c=256 Redis script time per check', run: 'c256', metric: 'server', unit: 'µs', higherIsBetter: false },
    { name: 'c=256 throughput, auto-pipelining', ...C256, run: 'c256-autopipeline' },
    {
      name: 'c=256 client CPU per check, auto-pipelining',
      run: 'c256-autopipeline',
      metric: 'cpu',
      unit: 'µs',
      higherIsBetter: false,
    },
    { name: 'commands sent per check', run: 'commands', metric: 'sent', unit: 'commands', higherIsBetter: false },
    {
      name: 'commands executed per check, scripts included',
      run: 'commands',
      metric: 'executed',
      unit: 'commands',
      higherIsBetter: false,
    },
  ],
  targets: [
    ...['rl', ...VARIANTS].map((subject) => ({
      label: `one command per check (${subject})`,
      case: 'commands sent per check',
      subject,
      max: 1,
    })),
    { label: 'c=256 throughput ≥ 1.1× the best peer', case: 'c=256 throughput', vs: 'best-peer', min: 1.1 },
    {
      label: 'c=256 throughput ≥ 0.95× the raw EVALSHA baseline',
      case: 'c=256 throughput',
      vs: { subject: 'raw-evalsha' },
      min: 0.95,
    },
    {
      label: 'c=1 p50 ≤ 1.05× the raw EVALSHA baseline',
      case: 'c=1 latency p50',
      vs: { subject: 'raw-evalsha' },
      plain: true,
      max: 1.05,
    },
    {
      label: 'no loss with auto-pipelining: c=256 with it ≥ 1.0× ours without',
      case: 'c=256 throughput, auto-pipelining',
      vs: { case: 'c=256 throughput', subject: 'rl' },
      min: 1,
    },
  ],
  async setup() {
    const server = await startRedisServer();
    return { env: { REDIS_URL: server.url }, teardown: () => server.stop() };
  },
};
