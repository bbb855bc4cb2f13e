// Child process: node load.mjs <url> <connections> <durationMs> <warmupMs> — drives the server with
// autocannon (a warm-up run, then the measured run) and prints one JSON line:
// { requestsPerSecond, p50, p99 (ms), requests, non2xx, errors }.
import autocannon from 'autocannon';

const [url, connectionsArg, durationArg, warmupArg] = process.argv.slice(2);
const connections = Number(connectionsArg);

const fire = (durationMs) => autocannon({ url, connections, pipelining: 1, duration: durationMs / 1000, timeout: 10 });

await fire(Number(warmupArg));
const result = await fire(Number(durationArg));
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  }),
);
