import { findFreePort } from './free-port.ts';
import { runRedisCli } from './redis-cli.ts';
import { respRequest } from './resp-request.ts';
import { type RedisServer, startRedis } from './start-redis.ts';
import { waitFor } from './wait-for.ts';

/** Options of {@link startCluster}. */
export interface StartClusterOptions {
  /** Number of masters (≥ 3, what `redis-cli --cluster create` accepts). Default 3. */
  masters?: number;
  /** Replicas per master. Default 0. */
  replicas?: number;
  /** Extra redis-server arguments for every node. */
  args?: readonly string[];
  /** `cluster-node-timeout` in ms. Default 2 000 (fast failure detection in fault tests). */
  nodeTimeoutMs?: number;
  /** How long to wait for `cluster_state:ok` everywhere. Default 30 000 ms. */
  readyTimeoutMs?: number;
}

/** A running Redis Cluster made of real redis-server processes on loopback. */
export interface RedisCluster {
  /** Every node (masters first, then replicas), ready for `new Redis.Cluster(cluster.nodes)`. */
  readonly nodes: { host: string; port: number }[];
  /** The node processes, in the same order as `nodes` (pause, kill, restart one of them). */
  readonly servers: RedisServer[];
  /** Runs `redis-cli -c` (cluster mode: follows MOVED) against the first node. */
  cli(...args: string[]): Promise<string>;
  /** Resolves once every node reports `cluster_state:ok`. */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** Stops every node. Idempotent. */
  stop(): Promise<void>;
}

/** True when `CLUSTER INFO` on the node says `cluster_state:ok` and it knows `expectedNodes` nodes. */
async function nodeIsHealthy(server: RedisServer, expectedNodes: number): Promise<boolean> {
  const [info] = await respRequest(server, [['CLUSTER', 'INFO']]);
  return (
    typeof info === 'string' &&
    /^cluster_state:ok\r?$/m.test(info) &&
    new RegExp(`^cluster_known_nodes:${expectedNodes}\\r?$`, 'm').test(info) &&
    /^cluster_slots_assigned:16384\r?$/m.test(info)
  );
}

/**
 * Starts a Redis Cluster: `masters × (1 + replicas)` `redis-server --cluster-enabled yes` nodes on
 * free loopback ports (each with its own free cluster-bus port), joined with
 * `redis-cli --cluster create ... --cluster-yes`, and resolves once every node reports
 * `cluster_state:ok` with all 16384 slots assigned.
 *
 * @example
 * ```ts
 * import { startCluster } from '@rl-internal/test-redis';
 * import Redis from 'ioredis';
 *
 * const cluster = await startCluster({ masters: 3 });
 * const client = new Redis.Cluster(cluster.nodes);
 * await client.set('{user:1}:a', '1');
 * await client.quit();
 * await cluster.stop();
 * ```
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<RedisCluster> {
  const masters = options.masters ?? 3;
  const replicas = options.replicas ?? 0;
  if (!Number.isInteger(masters) || masters < 3) throw new Error(`startCluster: masters must be ≥ 3, got ${masters}`);
  if (!Number.isInteger(replicas) || replicas < 0) throw new Error(`startCluster: bad replicas ${replicas}`);
  const args = [
    '--cluster-enabled',
    'yes',
    '--cluster-config-file',
    'nodes.conf',
    '--cluster-node-timeout',
    String(options.nodeTimeoutMs ?? 2_000),
    '--cluster-require-full-coverage',
    'yes',
    ...(options.args ?? []),
  ];
  const dynamicArgs = async () => ['--cluster-port', String(await findFreePort())];
  const started = await Promise.allSettled(
    Array.from({ length: masters * (1 + replicas) }, () => startRedis({ args, dynamicArgs })),
  );
  const servers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all(servers.map((server) => server.stop())).then(() => undefined);
    return stopping;
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await stop();
    throw failed.reason;
  }

  const first = servers[0]!;
  const waitUntilHealthy = (timeoutMs = options.readyTimeoutMs ?? 30_000) =>
    waitFor(
      'cluster_state:ok on every node',
      async () => (await Promise.all(servers.map((server) => nodeIsHealthy(server, servers.length)))).every(Boolean),
      { timeoutMs },
    );
  try {
    await runRedisCli(first, [
      '--cluster',
      'create',
      ...servers.map((server) => `${server.host}:${server.port}`),
      '--cluster-replicas',
      String(replicas),
      '--cluster-yes',
    ]);
    await waitUntilHealthy();
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    nodes: servers.map(({ host, port }) => ({ host, port })),
    servers,
    cli: (...cliArgs) => runRedisCli(first, ['-c', ...cliArgs]),
    waitUntilHealthy,
    stop,
  };
}
