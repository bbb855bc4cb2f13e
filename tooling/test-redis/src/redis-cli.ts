import { execFile } from 'node:child_process';
import { resolveRedisBinary } from './redis-binary.ts';

/** Connection details redis-cli needs. */
export interface CliTarget {
  host: string;
  port: number;
  password?: string | undefined;
  username?: string | undefined;
}

/**
 * Runs `redis-cli -h host -p port [auth] ...args` and resolves with its stdout without the trailing
 * newline (redis-cli's plain, non-TTY output: `PONG`, `1`, multi-line lists). Rejects when redis-cli
 * exits non-zero; error replies are
 * returned as text (`ERR ...`), like redis-cli prints them.
 */
export function runRedisCli(target: CliTarget, args: readonly string[], timeoutMs = 30_000): Promise<string> {
  const auth: string[] = [];
  if (target.username) auth.push('--user', target.username);
  if (target.password !== undefined) auth.push('--pass', target.password, '--no-auth-warning');
  const argv = ['-h', target.host, '-p', String(target.port), ...auth, ...args];
  return new Promise((resolve, reject) => {
    execFile(resolveRedisBinary('redis-cli'), argv, { timeout: timeoutMs }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`redis-cli ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`));
        return;
      }
      resolve(stdout.replace(/\r?\n$/, ''));
    });
  });
}
