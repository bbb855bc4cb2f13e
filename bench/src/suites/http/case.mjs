// Child process: node case.mjs <subject> <framework-store> [durationMs] — starts the server
// (server.mjs) in its own process, checks one response, drives it with autocannon from another
// process (load.mjs), stops the server and prints one JSON line.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { runChild } from '../../lib/child.mjs';

const [subject, run, durationArg] = process.argv.slice(2);
const durationMs = Number(durationArg ?? 1000);
const warmupMs = Math.min(1000, Math.max(500, durationMs / 5));
const [framework, store] = run.split('-');
const CONNECTIONS = 64;

/** What the first response must carry, so a misconfigured subject cannot pass unnoticed. */
function checkResponse(response) {
  if (response.status !== 200) throw new Error(`${subject} on ${run}: GET / answered ${response.status}`);
  const limited = response.headers.has('ratelimit') || response.headers.has('ratelimit-remaining');
  const legacy = response.headers.has('x-ratelimit-remaining');
  const expectsHeaders = ['rl', 'express-rate-limit', 'hono-rate-limiter'].includes(subject);
  if (expectsHeaders !== (limited || legacy)) {
    throw new Error(`${subject} on ${run}: rate-limit headers ${expectsHeaders ? 'missing' : 'unexpected'}`);
  }
}

async function startServer() {
  const script = new URL('./server.mjs', import.meta.url).pathname;
  const child = spawn(process.execPath, [script, framework, subject, store], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const lines = createInterface({ input: child.stdout });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`server ${framework} ${subject} ${store} exited (${code}): ${stderr.slice(-2000)}`);
  });
  const [line] = await Promise.race([once(lines, 'line'), exited]);
  exited.catch(() => {});
  return { child, port: JSON.parse(line).port };
}

const { child, port } = await startServer();
try {
  const url = `http://127.0.0.1:${port}/`;
  checkResponse(await fetch(url));
  const load = new URL('./load.mjs', import.meta.url).pathname;
  const result = await runChild(load, [url, String(CONNECTIONS), String(durationMs), String(warmupMs)]);
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${subject} on ${run}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  console.log(
    JSON.stringify({
      subject,
      run,
      values: { rps: result.requestsPerSecond, p99: result.p99 },
      details: { requests: result.requests, p50: result.p50 },
    }),
  );
} finally {
  child.kill('SIGKILL');
}
process.exit(0);
