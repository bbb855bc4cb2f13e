import { randomUUID } from 'node:crypto';
import { startRedis } from '@rl-internal/test-redis';
import { startUpstashGateway } from '@rl-internal/upstash-gateway';
import type { DemoState } from '../api/state.ts';
import { type Instance, type InstanceServer, spawnInstance } from './instance.ts';
import { type LoadResult, sendRequests } from './load.ts';

/** One line of the proof. */
export interface ProofRow {
  readonly scenario: string;
  readonly backend: 'Redis TCP' | 'Upstash REST';
  readonly servers: readonly InstanceServer[];
  readonly concurrency: number;
  readonly result: LoadResult;
  /** Decisions the instances took without the shared store (fallback or store unavailable); must be 0. */
  readonly notShared: number;
  /** Exactly `limit` admitted, the rest 429, nothing else, every decision from the shared store. */
  readonly exact: boolean;
}

/** Options of {@link runClusterProof}. */
export interface ProofOptions {
  /** The shared limit (`RL_METERED_MAX`, per hour per API key, sliding log). Default 100. */
  readonly limit?: number;
  /** Requests per scenario. Default 200. */
  readonly requests?: number;
  /** Progress lines. Default none. */
  readonly log?: (line: string) => void;
}

const SERVERS: readonly InstanceServer[] = ['express', 'hono', 'express', 'hono'];

async function notShared(instances: readonly Instance[]): Promise<number> {
  let count = 0;
  for (const instance of instances) {
    const state = (await (await fetch(`${instance.url}/api/demo/state`)).json()) as DemoState;
    const metered = state.feed.routes['metered'];
    count += (metered?.fallback ?? 0) + (metered?.unavailable ?? 0);
  }
  return count;
}

/**
 * The multi-instance proof: starts a real `redis-server` on a free loopback port and the local
 * Upstash REST gateway in front of it, then four demo processes per backend (Express, Hono, Express,
 * Hono). With a limit of `limit` per hour per API key (a sliding log: no window boundary can split
 * the run), it sends `requests` requests round robin to 2 instances one at a time, then to 4
 * instances 16 at a time — on each backend, each scenario with its own API key — and expects
 * exactly `limit` admitted and the rest refused with 429. Stops everything it started.
 *
 * @example
 * const rows = await runClusterProof({ log: console.log })
 * rows.every((row) => row.exact) // true
 */
export async function runClusterProof(options: ProofOptions = {}): Promise<ProofRow[]> {
  const limit = options.limit ?? 100;
  const requests = options.requests ?? 200;
  const log = options.log ?? (() => {});
  const redis = await startRedis();
  const gateway = await startUpstashGateway({ redisUrl: redis.url, token: randomUUID() });
  log(`redis-server ${redis.url} (pid ${redis.pid}); Upstash REST gateway ${gateway.url}`);
  const common = {
    RL_METERED_MAX: String(limit),
    REDIS_TIMEOUT: '10s', // a shared, noisy machine: no call may time out into the fallback
    REDIS_ENABLED: '',
    SKIP_REDIS_WARNING: 'true',
  };
  const backends = [
    { backend: 'Redis TCP' as const, env: { ...common, REDIS_URL: redis.url, UPSTASH_REDIS_REST_URL: '' } },
    {
      backend: 'Upstash REST' as const,
      env: { ...common, UPSTASH_REDIS_REST_URL: gateway.url, UPSTASH_REDIS_REST_TOKEN: gateway.token },
    },
  ];
  const started: Instance[] = [];
  try {
    const spawned = await Promise.allSettled(
      backends.flatMap(({ env }) => SERVERS.map((server) => spawnInstance(server, env))),
    );
    for (const outcome of spawned) if (outcome.status === 'fulfilled') started.push(outcome.value);
    const failed = spawned.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const fleets = backends.map((_, b) => started.slice(b * SERVERS.length, (b + 1) * SERVERS.length));
    const rows: ProofRow[] = [];
    for (const [b, { backend }] of backends.entries()) {
      const fleet = fleets[b] as Instance[];
      log(`${backend}: ${fleet.map((i) => `${i.server} ${i.url} (pid ${i.pid})`).join(', ')}`);
      for (const [size, concurrency] of [
        [2, 1],
        [4, 16],
      ] as const) {
        const instances = fleet.slice(0, size);
        const before = await notShared(instances);
        const apiKey = `proof-${backend === 'Redis TCP' ? 'tcp' : 'rest'}-${size}-${randomUUID().slice(0, 8)}`;
        const result = await sendRequests({
          targets: instances.map((i) => i.url),
          requests,
          concurrency,
          headers: { 'x-api-key': apiKey },
        });
        const fallback = (await notShared(instances)) - before;
        const exact =
          result.admitted === limit &&
          result.limited === requests - limit &&
          Object.keys(result.other).length === 0 &&
          fallback === 0;
        const scenario =
          concurrency === 1 ? `${size} instances, alternating` : `${size} instances, ${concurrency} concurrent`;
        rows.push({
          scenario,
          backend,
          servers: SERVERS.slice(0, size),
          concurrency,
          result,
          notShared: fallback,
          exact,
        });
      }
    }
    return rows;
  } finally {
    await Promise.all(started.map((instance) => instance.stop()));
    await gateway.close();
    await redis.stop();
  }
}

/** The proof as a table, one row per scenario. */
export function formatProof(rows: readonly ProofRow[], limit = 100): string {
  const lines = rows.map((row) => {
    const split = Object.values(row.result.byTarget)
      .map((t, i) => `${row.servers[i]} ${t.admitted}/${t.limited}`)
      .join(', ');
    const other = Object.entries(row.result.other).map(([status, n]) => `${n} × ${status}`);
    const verdict = row.exact ? '✓ exact' : `✗ expected ${limit} admitted`;
    return [
      `${row.backend.padEnd(13)} ${row.scenario.padEnd(28)}`,
      `${String(row.result.sent).padStart(4)} sent  ${String(row.result.admitted).padStart(3)} × 2xx  ${String(row.result.limited).padStart(3)} × 429`,
      other.length > 0 ? `  other: ${other.join(', ')}` : '',
      row.notShared > 0 ? `  ${row.notShared} decided without Redis` : '',
      `  ${verdict}   (admitted/429 per instance: ${split})`,
    ].join('');
  });
  return lines.join('\n');
}
