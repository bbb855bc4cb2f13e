import { respRequest } from './resp-request.ts';
import { type RedisServer, startRedis } from './start-redis.ts';
import { waitFor } from './wait-for.ts';

/** Options of {@link startSentinel}. */
export interface StartSentinelOptions {
  /** Name the sentinels monitor the master under. Default `mymaster`. */
  masterName?: string;
  /** Number of sentinel processes (1 or 3 are typical). Default 1. */
  sentinels?: number;
  /** `down-after-milliseconds`. Default 1 000 (fast failover in fault tests). */
  downAfterMs?: number;
  /** Extra redis-server arguments for the master and the replica. */
  args?: readonly string[];
  /** How long to wait until the sentinels see the master, the replica and each other. Default 30 000 ms. */
  readyTimeoutMs?: number;
}

/** A master, its replica and the sentinels monitoring them, all real processes on loopback. */
export interface RedisSentinelSetup {
  /** Sentinel addresses, ready for `new Redis({ sentinels, name: masterName })`. */
  readonly sentinels: { host: string; port: number }[];
  /** The sentinel processes, in the same order. */
  readonly sentinelServers: RedisServer[];
  readonly masterName: string;
  /** The process that was master at start (after a failover it is the replica's replica). */
  readonly master: RedisServer;
  /** The process that was replica at start. */
  readonly replica: RedisServer;
  /** Asks the first sentinel for the current master address (`SENTINEL get-master-addr-by-name`). */
  currentMaster(): Promise<{ host: string; port: number }>;
  /**
   * `SENTINEL FAILOVER`, then waits until the sentinels report the other process as master and the
   * old master has been reconfigured as its replica (so no write can still land on it).
   */
  failover(timeoutMs?: number): Promise<{ host: string; port: number }>;
  /** Stops the sentinels, the replica and the master. Idempotent. */
  stop(): Promise<void>;
}

function sentinelConfig(name: string, master: RedisServer, quorum: number, downAfterMs: number): string {
  return [
    `sentinel monitor ${name} ${master.host} ${master.port} ${quorum}`,
    `sentinel down-after-milliseconds ${name} ${downAfterMs}`,
    `sentinel failover-timeout ${name} 10000`,
    `sentinel parallel-syncs ${name} 1`,
    '',
  ].join('\n');
}

async function masterAddress(sentinel: RedisServer, name: string): Promise<{ host: string; port: number }> {
  const [reply] = await respRequest(sentinel, [['SENTINEL', 'get-master-addr-by-name', name]]);
  if (!Array.isArray(reply) || typeof reply[0] !== 'string' || typeof reply[1] !== 'string') {
    throw new Error(`sentinel on port ${sentinel.port} does not know master ${name}`);
  }
  return { host: reply[0], port: Number(reply[1]) };
}

async function countOf(sentinel: RedisServer, subcommand: 'replicas' | 'sentinels', name: string): Promise<number> {
  const [reply] = await respRequest(sentinel, [['SENTINEL', subcommand, name]]);
  if (!Array.isArray(reply)) return 0;
  // Each entry is a flat [field, value, ...] list; count the ones not flagged down/disconnected.
  return reply.filter((entry) => {
    if (!Array.isArray(entry)) return false;
    const flags = entry[entry.indexOf('flags') + 1];
    return typeof flags === 'string' && !/s_down|o_down|disconnected/.test(flags);
  }).length;
}

/**
 * Starts a master, a replica of it, and `sentinels` `redis-server --sentinel` processes monitoring
 * the master as `masterName`; resolves once the replica is in sync and every sentinel sees the master,
 * the replica and the other sentinels.
 *
 * @example
 * ```ts
 * import { startSentinel } from '@rl-internal/test-redis';
 * import Redis from 'ioredis';
 *
 * const setup = await startSentinel({ sentinels: 3 });
 * const redis = new Redis({ sentinels: setup.sentinels, name: setup.masterName });
 * await redis.set('k', 'v');
 * await setup.failover(); // the replica becomes master
 * redis.disconnect();
 * await setup.stop();
 * ```
 */
export async function startSentinel(options: StartSentinelOptions = {}): Promise<RedisSentinelSetup> {
  const name = options.masterName ?? 'mymaster';
  const count = options.sentinels ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error(`startSentinel: sentinels must be ≥ 1, got ${count}`);
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const started: RedisServer[] = [];
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all([...started].reverse().map((server) => server.stop())).then(() => undefined);
    return stopping;
  };
  try {
    const master = await startRedis({ args: options.args ?? [] });
    started.push(master);
    const replica = await startRedis({
      args: [...(options.args ?? []), '--replicaof', master.host, String(master.port)],
    });
    started.push(replica);
    await waitFor(
      'the replica to sync with the master',
      async () => {
        const [info] = await respRequest(replica, [['INFO', 'replication']]);
        return typeof info === 'string' && /^master_link_status:up\r?$/m.test(info);
      },
      { timeoutMs },
    );
    const config = sentinelConfig(name, master, Math.floor(count / 2) + 1, options.downAfterMs ?? 1_000);
    const sentinelServers = await Promise.all(
      Array.from({ length: count }, () => startRedis({ config, args: ['--sentinel'] })),
    );
    started.push(...sentinelServers);
    await waitFor(
      'every sentinel to see the master, the replica and the other sentinels',
      async () => {
        for (const sentinel of sentinelServers) {
          const address = await masterAddress(sentinel, name);
          if (address.port !== master.port) return false;
          if ((await countOf(sentinel, 'replicas', name)) < 1) return false;
          if ((await countOf(sentinel, 'sentinels', name)) < count - 1) return false;
        }
        return true;
      },
      { timeoutMs },
    );

    const first = sentinelServers[0]!;
    return {
      sentinels: sentinelServers.map(({ host, port }) => ({ host, port })),
      sentinelServers,
      masterName: name,
      master,
      replica,
      currentMaster: () => masterAddress(first, name),
      async failover(failoverTimeoutMs = timeoutMs) {
        const before = await masterAddress(first, name);
        await first.cli('SENTINEL', 'FAILOVER', name);
        let after = before;
        await waitFor(
          'the sentinels to promote the replica',
          async () => {
            after = await masterAddress(first, name);
            return after.port !== before.port;
          },
          { timeoutMs: failoverTimeoutMs },
        );
        const demoted = [master, replica].find((server) => server.port === before.port);
        if (demoted) {
          // Sentinel demotes it on its next INFO poll (up to 10 s later); send what it would send, now.
          const [info] = await respRequest(demoted, [['INFO', 'replication']]);
          if (typeof info === 'string' && /^role:master\r?$/m.test(info)) {
            await respRequest(demoted, [
              ['MULTI'],
              ['REPLICAOF', after.host, String(after.port)],
              ['CLIENT', 'KILL', 'TYPE', 'normal'],
              ['CLIENT', 'KILL', 'TYPE', 'pubsub'],
              ['EXEC'],
            ]);
          }
          await waitFor(
            'the old master to become a replica of the new one',
            async () => {
              const [info] = await respRequest(demoted, [['INFO', 'replication']]);
              return (
                typeof info === 'string' && /^role:slave\r?$/m.test(info) && info.includes(`master_port:${after.port}`)
              );
            },
            { timeoutMs: failoverTimeoutMs },
          );
        }
        return after;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
