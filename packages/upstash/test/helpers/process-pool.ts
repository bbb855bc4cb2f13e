/// <reference types="node" />
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';

/**
 * Runs a TypeScript entry in N separate Node processes, released at the same moment, for
 * multi-process exactness tests. The entry is bundled once with esbuild (workspace packages from
 * source via the `@rl/source` condition). Protocol, one JSON line each way:
 *   child → `{"ready":true}` once set up;  parent → `<job JSON>` per round (all children at once);
 *   child → `{"result":...}` or `{"error":"..."}`;  parent closes stdin to end the child.
 * Generic: nothing here knows about stores (candidate for a shared tooling package).
 */
export interface ProcessPool<Job, Result> {
  /** Sends `jobFor(i)` to every child at once and resolves with their results, in child order. */
  run(jobFor: (child: number) => Job): Promise<Result[]>;
  close(): Promise<void>;
}

interface Child {
  process: ChildProcess;
  lines: AsyncIterator<string>;
}

async function nextMessage(child: Child, what: string): Promise<Record<string, unknown>> {
  const { value, done } = await child.lines.next();
  if (done) throw new Error(`child process exited before ${what} (exit code ${child.process.exitCode})`);
  const message = JSON.parse(value as string) as Record<string, unknown>;
  if (typeof message.error === 'string') throw new Error(`child process failed: ${message.error}`);
  return message;
}

/** Bundles `entry` and starts `count` processes with `argument` as their first CLI argument. */
export async function startProcessPool<Job, Result>(
  entry: string,
  count: number,
  argument: unknown,
): Promise<ProcessPool<Job, Result>> {
  const dir = mkdtempSync(join(tmpdir(), 'rl-pool-'));
  const script = join(dir, 'child.mjs');
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@rl/source'],
    write: false,
    logLevel: 'silent',
  });
  writeFileSync(script, bundle.outputFiles[0]?.text ?? '');
  const children: Child[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(process.execPath, [script, JSON.stringify(argument)], { stdio: ['pipe', 'pipe', 'inherit'] });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
    children.push({ process: child, lines });
  }
  const close = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
            child.process.once('exit', () => resolve());
            child.process.stdin?.end();
            setTimeout(() => child.process.kill('SIGKILL'), 5_000).unref();
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await Promise.all(children.map((child) => nextMessage(child, 'getting ready')));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    async run(jobFor) {
      const replies = children.map((child, i) => {
        const reply = nextMessage(child, 'answering a job');
        child.process.stdin?.write(`${JSON.stringify(jobFor(i))}\n`);
        return reply;
      });
      return (await Promise.all(replies)).map((message) => message.result as Result);
    },
    close,
  };
}
