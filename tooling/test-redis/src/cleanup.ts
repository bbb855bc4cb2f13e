import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

interface Tracked {
  child: ChildProcess;
  watchdog: ChildProcess | undefined;
  dir: string | undefined;
}

const tracked = new Set<Tracked>();
let exitHookInstalled = false;

function killQuietly(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

/** Synchronously removes `dir`; false when it is still there (never throws from an exit hook). */
function removeDirQuietly(dir: string | undefined): boolean {
  if (!dir) return true;
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    return true;
  } catch {
    return false;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const entry of tracked) {
      killQuietly(entry.child);
      // The watchdog stays alive when the dir cannot be removed yet (the server may still hold it for a
      // moment after SIGKILL): it removes the dir once this process is gone.
      if (removeDirQuietly(entry.dir)) killQuietly(entry.watchdog);
    }
    tracked.clear();
  });
}

/**
 * A tiny `sh` loop that SIGKILLs `child` (and removes its temp dir) once this Node process is gone,
 * covering the cases the `exit` hook cannot (the test worker itself SIGKILLed). Detached and
 * unref'd so it never keeps Node alive; killed by {@link untrackProcess}.
 */
function startWatchdog(childPid: number, dir: string | undefined): ChildProcess | undefined {
  const cleanupDir = dir ? `; rm -rf '${dir.replaceAll("'", "'\\''")}'` : '';
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 ${childPid} 2>/dev/null${cleanupDir}`;
  try {
    const watchdog = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
    watchdog.on('error', () => {});
    watchdog.unref();
    return watchdog;
  } catch {
    return undefined;
  }
}

/** Registers a spawned process so it is killed when this process exits (normally or not). */
export function trackProcess(child: ChildProcess, dir?: string): () => void {
  installExitHook();
  const entry: Tracked = {
    child,
    dir,
    watchdog: child.pid === undefined ? undefined : startWatchdog(child.pid, dir),
  };
  tracked.add(entry);
  child.once('exit', () => killQuietly(entry.watchdog));
  return () => {
    tracked.delete(entry);
    killQuietly(entry.watchdog);
  };
}
