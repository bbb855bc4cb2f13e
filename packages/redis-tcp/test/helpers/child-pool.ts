import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleInput } from '@rl/core';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '../..');
const OUT = join(ROOT, '.test-artifacts');

/** Bundles the child script (sources of this package and @rl/core; ioredis stays external). */
async function bundleChild(): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const outfile = join(OUT, `exactness-child-${process.pid}.mjs`);
  await build({
    entryPoints: [join(ROOT, 'test/helpers/exactness-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@rl/source'],
    external: ['ioredis'],
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

export interface RoundResult {
  admitted: number;
  errorCount: number;
  errors: string[];
}

/** A few child processes, each with its own Redis connection, that fire calls on request. */
export interface ChildPool {
  round(rule: RuleInput, identifier: string, callsEach: number, now: number): Promise<RoundResult[]>;
  stop(): Promise<void>;
}

function next<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(message as T);
    };
    const onExit = (code: number | null) => reject(new Error(`child exited with ${code} before "${type}"`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Forks `size` children connected to `target` (a URL, or cluster nodes). */
export async function startChildPool(
  size: number,
  target: { url?: string; nodes?: { host: string; port: number }[] },
): Promise<ChildPool> {
  const script = await bundleChild();
  const children = Array.from({ length: size }, () =>
    fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }),
  );
  await Promise.all(children.map((child) => next(child, 'started')));
  await Promise.all(
    children.map((child) => {
      const ready = next(child, 'ready');
      child.send({ type: 'connect', ...target });
      return ready;
    }),
  );
  let id = 0;
  return {
    async round(rule, identifier, callsEach, now) {
      id += 1;
      return Promise.all(
        children.map((child) => {
          const result = next<RoundResult>(child, 'result');
          child.send({ type: 'round', id, rule, identifier, calls: callsEach, now });
          return result;
        }),
      );
    },
    async stop() {
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGKILL');
            }),
        ),
      );
      rmSync(script, { force: true });
    },
  };
}
