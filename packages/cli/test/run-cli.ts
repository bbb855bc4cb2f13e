import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** What one run of the `rl` binary did. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Bundles src/cli.ts (workspace packages from source) into a temp dir once; `run` executes it with `node`. */
export async function buildCli(): Promise<{
  run(args: string[], env?: Record<string, string>): Promise<CliRun>;
  dispose(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'rl-cli-'));
  const outfile = join(dir, 'rl.cjs');
  await build({
    entryPoints: [new URL('../src/cli.ts', import.meta.url).pathname],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    conditions: ['@rl/source'],
    outfile,
    logLevel: 'silent',
  });
  return {
    run: (args, env = {}) =>
      new Promise((resolve) => {
        // Only what the test passes (plus PATH): the machine's own REDIS_URL and friends must not leak in.
        const childEnv = { PATH: process.env.PATH ?? '', ...env };
        execFile(process.execPath, [outfile, ...args], { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
          const status = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ status, stdout, stderr });
        });
      }),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
