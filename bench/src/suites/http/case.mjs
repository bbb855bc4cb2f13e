// Child process: node case.mjs <subject> <framework-store> [durationMs] — starts the server
// (server.mjs) in its own process, checks one response, warms it up and drives it with the load
// generator from another process (load.mjs), stops the server and prints one JSON line. Around the
// measured run it reads the CPU time the server process used (it answers on stdin) and, for Redis
// runs, what Redis used (`INFO cpu`), both per request.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import Redis from 'ioredis';
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
  const child = spawn(process.execPath, [script, framework, subject, store], { stdio: ['pipe', 'pipe', 'pipe'] });
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
  /** The server's CPU time so far, in µs. */
  const cpu = async () => {
    child.stdin.write('cpu\n');
    const [answer] = await Promise.race([once(lines, 'line'), exited]);
    return JSON.parse(answer).cpu;
  };
  return { child, port: JSON.parse(line).port, cpu };
}

/** Redis's CPU time so far (main thread and background threads, user + system), in µs. */
async function redisCpu(redis) {
  const info = await redis.info('cpu');
  const seconds = (name) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1]);
  return (seconds('used_cpu_user') + seconds('used_cpu_sys')) * 1e6;
}

const { child, port, cpu } = await startServer();
const redis = store === 'redis' ? new Redis(process.env.REDIS_URL) : undefined;
try {
  const url = `http://127.0.0.1:${port}/`;
  checkResponse(await fetch(url));
  const load = new URL('./load.mjs', import.meta.url).pathname;
  const drive = (ms) => runChild(load, [url, String(CONNECTIONS), String(ms)]);
  await drive(warmupMs);
  const before = { server: await cpu(), redis: redis ? await redisCpu(redis) : 0 };
  const result = await drive(durationMs);
  const after = { server: await cpu(), redis: redis ? await redisCpu(redis) : 0 };
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${subject} on ${run}: ${result.non2xx} non-2xx responses, ${result.errors} errors`);
  }
  const perRequest = (key) => (after[key] - before[key]) / result.requests;
  console.log(
    JSON.stringify({
      subject,
      run,
      values: {
        rps: result.requestsPerSecond,
        p99: result.p99,
        serverCpu: perRequest('server'),
        ...(redis ? { redisCpu: perRequest('redis') } : {}),
      },
      details: { requests: result.requests, p50: result.p50, load: result.tool },
    }),
  );
} finally {
  redis?.disconnect();
  child.kill('SIGKILL');
}
process.exit(0);
