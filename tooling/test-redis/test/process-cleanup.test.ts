import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../src/index.ts';

/** Alive and not a zombie. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('servers die with the process that started them', () => {
  let dir: string;
  let script: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rl-cleanup-test-'));
    script = join(dir, 'child.mjs');
    await build({
      stdin: {
        contents: `import { startRedis } from './src/index.ts';
          const server = await startRedis();
          console.log(JSON.stringify({ pid: server.pid, dir: server.dir }));
          if (process.argv[2] === 'exit') process.exit(0);
          setInterval(() => {}, 1000);`,
        resolveDir: join(import.meta.dirname, '..'),
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function runChild(mode: 'exit' | 'hang') {
    const child = spawn(process.execPath, [script, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]!);
      });
      child.once('exit', (code) => reject(new Error(`child exited (${code}) before printing: ${out}`)));
    });
    return { child, started: JSON.parse(line) as { pid: number; dir: string } };
  }

  it('on a normal exit, the exit hook kills redis-server and removes its temp dir', async () => {
    const { started } = await runChild('exit');
    await waitFor(
      'redis-server to be gone and its dir removed',
      async () => !isRunning(started.pid) && !existsSync(started.dir),
    );
  });

  it('when the process is SIGKILLed, the watchdog kills redis-server and removes its temp dir', async () => {
    const { child, started } = await runChild('hang');
    expect(isRunning(started.pid)).toBe(true);
    child.kill('SIGKILL');
    await waitFor('redis-server to be gone', async () => !isRunning(started.pid) && !existsSync(started.dir));
  });
});
