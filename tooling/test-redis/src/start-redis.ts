import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port.ts';
import { runRedisCli } from './redis-cli.ts';
import { PortInUseError, type RedisProcess, spawnRedisProcess } from './redis-process.ts';

/** Options of {@link startRedis}. */
export interface StartRedisOptions {
  /** Extra redis-server arguments, appended last, e.g. `['--maxmemory', '2mb', '--maxmemory-policy', 'allkeys-lru']`. */
  args?: readonly string[];
  /** Adds `--requirepass <password>` (the default user's password); used by `cli()`, `url` and the readiness check. */
  password?: string;
  /**
   * Creates an ACL user with all permissions (`--user "<username> on >password ~* &* +@all"`) and
   * authenticates `cli()`, `url` and the readiness check as that user. Add `['--user', 'default', 'off']`
   * to `args` to make it the only way in.
   */
  user?: { username: string; password: string };
  /** Contents of a config file written into the server's temp dir and passed as the first argument. */
  config?: string;
  /** Loopback address to bind. Default `127.0.0.1`. */
  host?: string;
  /**
   * More arguments computed before each start attempt, e.g. a free `--cluster-port`; the values of
   * the attempt that succeeded are reused by `restart()`.
   */
  dynamicArgs?: () => Promise<readonly string[]>;
  /** A fixed port instead of a free one (no retry when it is taken). */
  port?: number;
  /** How long to wait for PING. Default 15 000 ms. */
  startTimeoutMs?: number;
}

/** A redis-server process this test owns. */
export interface RedisServer {
  readonly host: string;
  readonly port: number;
  /** `redis://[user:password@]host:port`, usable as `new Redis(server.url)`. */
  readonly url: string;
  /** The current process id (changes on `restart()`). */
  readonly pid: number;
  /** The server's own temp dir (working dir, config file). */
  readonly dir: string;
  /** Kills the process and removes its temp dir. Idempotent. */
  stop(): Promise<void>;
  /** Sends `signal` (default SIGKILL); for terminating signals resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP: the process freezes, connections stay open, commands hang. */
  pause(): void;
  /** SIGCONT after `pause()`. */
  resume(): void;
  /** Kills the current process (if alive) and starts a fresh, empty one on the same port. */
  restart(): Promise<void>;
  /** Runs `redis-cli` against this server; resolves with its stdout (trailing newline removed). */
  cli(...args: string[]): Promise<string>;
  /** The current process's log output so far. */
  log(): string;
}

const TERMINATING: ReadonlySet<string> = new Set(['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP']);

function passwordFromArgs(args: readonly string[]): string | undefined {
  const index = args.lastIndexOf('--requirepass');
  return index >= 0 ? args[index + 1] : undefined;
}

function buildUrl(host: string, port: number, username?: string, password?: string): string {
  const auth = password === undefined ? '' : `${encodeURIComponent(username ?? '')}:${encodeURIComponent(password)}@`;
  return `redis://${auth}${host}:${port}`;
}

/**
 * Starts a real `redis-server` on a free loopback port with no persistence and its own temp dir,
 * and resolves once it answers PING. The process is killed on `stop()` and when the test process exits.
 *
 * @example
 * ```ts
 * import { startRedis } from '@rl-internal/test-redis';
 * import Redis from 'ioredis';
 *
 * const server = await startRedis({ args: ['--maxmemory', '10mb'] });
 * const redis = new Redis(server.url);
 * await redis.set('k', 'v');
 * server.pause(); // commands now hang until server.resume()
 * server.resume();
 * await server.restart(); // same port, empty data
 * await server.cli('DBSIZE'); // '0'
 * redis.disconnect();
 * await server.stop();
 * ```
 */
export async function startRedis(options: StartRedisOptions = {}): Promise<RedisServer> {
  const host = options.host ?? '127.0.0.1';
  const { user } = options;
  const extraArgs = [
    ...(options.password === undefined ? [] : ['--requirepass', options.password]),
    ...(user ? ['--user', user.username, 'on', `>${user.password}`, '~*', '&*', '+@all'] : []),
    ...(options.args ?? []),
  ];
  const auth = user ?? { username: undefined, password: options.password ?? passwordFromArgs(extraArgs) };
  const startTimeoutMs = options.startTimeoutMs ?? 15_000;
  const dir = await mkdtemp(join(tmpdir(), 'rl-redis-'));
  const configFile = options.config === undefined ? undefined : join(dir, 'redis.conf');
  if (configFile) await writeFile(configFile, options.config ?? '');

  let attemptArgs: readonly string[] = [];
  const spawnOn = (port: number) =>
    spawnRedisProcess({ host, port, dir, configFile, args: [...extraArgs, ...attemptArgs], auth, startTimeoutMs });

  let current: RedisProcess | undefined;
  let port = options.port ?? 0;
  try {
    for (let attempt = 1; !current; attempt++) {
      if (options.port === undefined) port = await findFreePort(host);
      if (options.dynamicArgs) attemptArgs = await options.dynamicArgs();
      try {
        current = await spawnOn(port);
      } catch (error) {
        if (!(error instanceof PortInUseError) || options.port !== undefined || attempt >= 20) throw error;
      }
    }
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  let proc: RedisProcess = current;
  let stopping: Promise<void> | undefined;

  const killCurrent = async (signal: NodeJS.Signals) => {
    if (proc.child.exitCode === null && proc.child.signalCode === null) {
      proc.child.kill(signal);
      // a paused process only acts on catchable signals once it runs again
      if (TERMINATING.has(signal) && signal !== 'SIGKILL') proc.child.kill('SIGCONT');
    }
    if (TERMINATING.has(signal)) await proc.exited;
  };

  const server: RedisServer = {
    host,
    port,
    url: buildUrl(host, port, auth.username, auth.password),
    dir,
    get pid() {
      return proc.pid;
    },
    stop() {
      stopping ??= (async () => {
        proc.untrack();
        await killCurrent('SIGKILL');
        await rm(dir, { recursive: true, force: true });
      })();
      return stopping;
    },
    kill: (signal = 'SIGKILL') => killCurrent(signal),
    pause: () => {
      proc.child.kill('SIGSTOP');
    },
    resume: () => {
      proc.child.kill('SIGCONT');
    },
    async restart() {
      if (stopping) throw new Error(`redis-server on port ${port} was stopped; start a new one`);
      proc.untrack();
      await killCurrent('SIGKILL');
      const deadline = Date.now() + startTimeoutMs;
      for (;;) {
        try {
          proc = await spawnOn(port);
          return;
        } catch (error) {
          if (!(error instanceof PortInUseError) || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    },
    cli: (...args) => runRedisCli({ host, port, ...auth }, args),
    log: () => proc.output(),
  };
  return server;
}
