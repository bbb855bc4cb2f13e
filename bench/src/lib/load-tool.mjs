import { spawnSync } from 'node:child_process';

/** Whether `wrk` is on PATH (the HTTP suite's preferred load generator). */
export function hasWrk() {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}
