import { spawn } from 'node:child_process';

/**
 * Runs one measurement in a fresh Node process (`--expose-gc`) and resolves the JSON object it
 * prints on its last stdout line. Rejects with the child's stderr when it fails or times out.
 */
export function runChild(script, args, { timeoutMs = 120_000, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      try {
        if (code !== 0) throw new Error(`exit ${code}`);
        resolve(JSON.parse(last));
      } catch (error) {
        reject(new Error(`${script} ${args.join(' ')} failed (${error.message}): ${err.slice(-2000)}`));
      }
    });
  });
}
