import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { LISTENING } from '../node/banner.ts';

/** The Node servers an instance can run. */
export type InstanceServer = 'express' | 'hono';

const ENTRIES: Record<InstanceServer, string> = {
  express: fileURLToPath(new URL('../main/express.ts', import.meta.url)),
  hono: fileURLToPath(new URL('../main/hono-node.ts', import.meta.url)),
};

/** A demo server running as its own process. */
export interface Instance {
  readonly server: InstanceServer;
  readonly url: string;
  readonly pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM (graceful: ≤ 5 s of draining), then SIGKILL if it is still running 10 s later. Resolves with its exit code. */
  stop(): Promise<number | null>;
}

/** Node's arguments to run a TypeScript entry with tsx and the workspace sources, without the tsx CLI's extra process. */
export function tsxArguments(entry: string): string[] {
  const loader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return ['--conditions=@rl/source', '--import', loader, entry];
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/**
 * Starts `src/main/<server>.ts` as a separate Node process on a free port (`PORT=0`) with `env`
 * added to this process's environment, and resolves once it prints `Listening on <url>`.
 *
 * @example
 * const a = await spawnInstance('express', { REDIS_URL: redis.url })
 * await fetch(`${a.url}/api/health`)
 * await a.stop()
 */
export function spawnInstance(
  server: InstanceServer,
  env: Record<string, string>,
  startTimeoutMs = 60_000,
): Promise<Instance> {
  const child = spawn(process.execPath, tsxArguments(ENTRIES[server]), {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const stop = async (): Promise<number | null> => {
    const done = exited(child);
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    const code = await done;
    clearTimeout(killer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`${server} instance did not print "Listening on" within ${startTimeoutMs} ms:\n${output}`));
    }, startTimeoutMs);
    const onData = () => {
      const url = LISTENING.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({ server, url, pid: child.pid ?? 0, output: () => output, stop });
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${server} instance exited with code ${code} before listening:\n${output}`));
    });
  });
}
