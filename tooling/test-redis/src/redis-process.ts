import { type ChildProcess, spawn } from 'node:child_process';
import { trackProcess } from './cleanup.ts';
import { resolveRedisBinary } from './redis-binary.ts';
import { RespError } from './resp.ts';
import type { RespTarget } from './resp-connection.ts';
import { respRequest } from './resp-request.ts';

/** What {@link spawnRedisProcess} needs: everything but the port is fixed for the server's lifetime. */
export interface RedisProcessSpec {
  host: string;
  port: number;
  dir: string;
  /** Config file path given as the first argument (Sentinel requires one), if any. */
  configFile?: string | undefined;
  /** Extra command-line arguments, appended last so they win. */
  args: readonly string[];
  /** Credentials for the readiness check (`requirepass` / ACL user). */
  auth?: Pick<RespTarget, 'username' | 'password'>;
  startTimeoutMs: number;
}

/** A running redis-server process that answered PING and proved it is the one we spawned. */
export interface RedisProcess {
  child: ChildProcess;
  pid: number;
  /** Everything the process wrote to stdout/stderr (its log), for error messages. */
  output: () => string;
  /** Resolves once the process has exited. */
  exited: Promise<void>;
  /** Stops tracking (so the exit hook and watchdog leave it alone). */
  untrack: () => void;
}

/** Thrown when the port was taken between choosing it and binding it; the caller picks another. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
}

const MAX_LOG_CHARS = 64 * 1024;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Spawns `redis-server` with the test defaults (no persistence, loopback only, log to stdout) and
 * waits until it answers and `INFO server` reports our pid, so a server another worker started on
 * the same port can never be mistaken for ours.
 */
export async function spawnRedisProcess(spec: RedisProcessSpec): Promise<RedisProcess> {
  const binary = resolveRedisBinary('redis-server');
  const args = [
    ...(spec.configFile ? [spec.configFile] : []),
    '--port',
    String(spec.port),
    '--bind',
    spec.host,
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    spec.dir,
    '--logfile',
    '',
    '--daemonize',
    'no',
    ...spec.args,
  ];
  const child = spawn(binary, args, { cwd: spec.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const append = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-MAX_LOG_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const untrack = trackProcess(child, spec.dir);
  const pid = child.pid;
  const output = () => log;
  const fail = async (error: Error): Promise<never> => {
    untrack();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    throw error;
  };
  if (pid === undefined) return fail(await spawnError);

  const deadline = Date.now() + spec.startTimeoutMs;
  const target: RespTarget = { host: spec.host, port: spec.port, ...spec.auth };
  let authFailedAt: number | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (/address already in use/i.test(log)) return fail(new PortInUseError(`port ${spec.port} is in use`));
      return fail(new Error(`redis-server exited during startup (code ${child.exitCode}):\n${log}`));
    }
    const state = await probe(target, pid);
    if (state === 'ours') return { child, pid, output, exited, untrack };
    if (state === 'auth' && authFailedAt === undefined) authFailedAt = Date.now();
    if (authFailedAt !== undefined && Date.now() - authFailedAt > 500) {
      return fail(
        new Error(
          `redis-server on port ${spec.port} requires authentication: pass { password } or { user } to the start function`,
        ),
      );
    }
    await delay(20);
  }
  return fail(
    new Error(`redis-server on port ${spec.port} did not answer PING within ${spec.startTimeoutMs} ms:\n${log}`),
  );
}

/** `ours` once the process on the port answers and reports our pid; `auth` when it refuses our credentials. */
async function probe(target: RespTarget, pid: number): Promise<'ours' | 'auth' | 'not-yet'> {
  let replies: Awaited<ReturnType<typeof respRequest>>;
  try {
    replies = await respRequest(target, [['PING'], ['INFO', 'server']], 1_000);
  } catch (error) {
    return error instanceof RespError && /WRONGPASS|NOAUTH/.test(error.message) ? 'auth' : 'not-yet';
  }
  const [ping, info] = replies;
  if (ping instanceof RespError && /NOAUTH|WRONGPASS|NOPERM/.test(ping.message)) return 'auth';
  if (typeof info !== 'string') return 'not-yet';
  return new RegExp(`^process_id:${pid}\\r?$`, 'm').test(info) ? 'ours' : 'not-yet';
}
