import { hasWrk } from '../../lib/load-tool.mjs';
import { startRedisServer } from '../../lib/services.mjs';

const RUNS = [
  ['express', 'memory'],
  ['express', 'redis'],
  ['hono', 'memory'],
  ['hono', 'redis'],
];
const PEER_OF = { express: 'express-rate-limit', hono: 'hono-rate-limiter' };
const title = (framework, store) => `${framework === 'hono' ? 'Hono' : 'Express'} + ${store}`;

/** Ratio targets of the issue, for one framework and store. */
function targetsFor(framework, store) {
  const rps = `${title(framework, store)} req/s`;
  const peer = PEER_OF[framework];
  const targets = [];
  if (framework === 'express') {
    if (store === 'memory') {
      targets.push({
        label: `${title(framework, store)}: with headers ≤ 5 % below no limiter`,
        case: rps,
        vs: { subject: 'no-limiter' },
        min: 0.95,
      });
    }
    targets.push({
      label: `${title(framework, store)}: with headers ≥ 1.1× express-rate-limit`,
      case: rps,
      vs: { subject: peer },
      min: 1.1,
      ceiling: 'no-limiter',
    });
  } else {
    targets.push(
      {
        label: `${title(framework, store)}: with headers ≥ 1.5× hono-rate-limiter`,
        case: rps,
        vs: { subject: peer },
        min: 1.5,
        ceiling: 'no-limiter',
      },
      {
        label: `${title(framework, store)}: without headers ≥ 1.0× rate-limiter-flexible's middleware`,
        case: rps,
        subject: 'rl-no-headers',
        vs: { subject: 'rate-limiter-flexible' },
        min: 1,
        ceiling: 'no-limiter',
      },
    );
  }
  return targets;
}

/** The HTTP suite: Express and Hono servers in their own processes, autocannon from another. */
export const httpSuite = {
  name: 'http',
  description:
    'GET / → `ok` on Express 5 or Hono (@hono/node-server), each server in its own process, loaded from another process after a warm-up, 64 connections, no pipelining, by wrk (one thread) when it is installed, else autocannon (`details.load` in http.json says which); CPU per request is the server process’s user + system time, and for Redis runs Redis’s (`INFO cpu`), over the measured run divided by its requests; every request comes from 127.0.0.1, one key, a limit nothing reaches. `rl` sends its default headers (X-RateLimit-* and IETF RateLimit/RateLimit-Policy), `rl-no-headers` none; peers run with their default headers; rate-limiter-flexible is the usual `consume(ip)` middleware (no headers). Redis runs use the same redis-server on loopback.',
  script: new URL('./case.mjs', import.meta.url).pathname,
  durationMs: { quick: 1000, full: 5000 },
  ours: 'rl',
  variants: ['rl-no-headers'],
  peers: ['express-rate-limit', 'hono-rate-limiter', 'rate-limiter-flexible'],
  baselines: ['no-limiter'],
  cases: RUNS.flatMap(([framework, store]) => {
    const subjects = ['rl', 'rl-no-headers', PEER_OF[framework], 'rate-limiter-flexible', 'no-limiter'];
    const run = `${framework}-${store}`;
    return [
      { name: `${title(framework, store)} req/s`, run, metric: 'rps', unit: 'req/s', higherIsBetter: true, subjects },
      { name: `${title(framework, store)} p99`, run, metric: 'p99', unit: 'ms', higherIsBetter: false, subjects },
      {
        name: `${title(framework, store)} server CPU per request`,
        run,
        metric: 'serverCpu',
        unit: 'µs',
        higherIsBetter: false,
        subjects,
      },
      ...(store === 'redis'
        ? [
            {
              name: `${title(framework, store)} Redis CPU per request`,
              run,
              metric: 'redisCpu',
              unit: 'µs',
              higherIsBetter: false,
              subjects: subjects.filter((s) => s !== 'no-limiter'),
            },
          ]
        : []),
    ];
  }),
  targets: RUNS.flatMap(([framework, store]) => targetsFor(framework, store)),
  async setup() {
    if (!process.env.BENCH_LOAD && !hasWrk()) {
      console.log('http: wrk is not installed (Debian: apt-get install wrk); autocannon drives the servers instead');
    }
    const server = await startRedisServer();
    return { env: { REDIS_URL: server.url }, teardown: () => server.stop() };
  },
};
