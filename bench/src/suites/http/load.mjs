// Child process: node load.mjs <url> <connections> <durationMs> — drives the server for durationMs
// and prints one JSON line: { tool, requestsPerSecond, p50, p99 (ms), requests, non2xx, errors }.
// wrk when it is installed (C, one thread: it leaves the 2 cores to the server and Redis), else
// autocannon (JavaScript, parsing every response with http-parser-js: more CPU per request, taken
// from the server). BENCH_LOAD=autocannon or BENCH_LOAD=wrk picks one.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { hasWrk } from '../../lib/load-tool.mjs';

const [url, connectionsArg, durationArg] = process.argv.slice(2);
const connections = Number(connectionsArg);
const durationMs = Number(durationArg);

const choice = process.env.BENCH_LOAD;
if (choice !== undefined && choice !== 'wrk' && choice !== 'autocannon') {
  throw new Error(`BENCH_LOAD: expected "wrk" or "autocannon", got "${choice}"`);
}
const wrkInstalled = choice !== 'autocannon' && hasWrk();
if (choice === 'wrk' && !wrkInstalled)
  throw new Error('BENCH_LOAD=wrk but wrk is not installed (Debian: apt-get install wrk)');
const tool = choice ?? (wrkInstalled ? 'wrk' : 'autocannon');

/** wrk's "2.59ms" / "812.00us" / "1.02s" as milliseconds. */
function millis(text) {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (!match) throw new Error(`wrk: unreadable latency "${text}"`);
  return Number(match[1]) * { us: 0.001, ms: 1, s: 1000, m: 60_000 }[match[2]];
}

async function runWrk() {
  const seconds = Math.max(1, Math.round(durationMs / 1000));
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '--latency', url];
  const { stdout } = await promisify(execFile)('wrk', args);
  const [, requestsText, elapsedText] = /(\d+) requests in ([\d.]+)s/.exec(stdout) ?? [];
  const requests = Number(requestsText);
  const elapsed = Number(elapsedText);
  const percentile = (p) => millis(new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(stdout)?.[1] ?? '');
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(stdout);
  if (!Number.isFinite(requests) || !(elapsed > 0)) throw new Error(`wrk: unreadable output:\n${stdout}`);
  return {
    requestsPerSecond: requests / elapsed,
    p50: percentile(50),
    p99: percentile(99),
    requests,
    non2xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0),
    errors: errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0,
  };
}

async function runAutocannon() {
  const result = await autocannon({ url, connections, pipelining: 1, duration: durationMs / 1000, timeout: 10 });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

const result = tool === 'wrk' ? await runWrk() : await runAutocannon();
console.log(JSON.stringify({ tool, ...result }));
