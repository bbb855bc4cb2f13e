// Child process: node case.mjs <subject> <run> [durationMs] with UPSTASH_URL, UPSTASH_TOKEN and
// REDIS_URL set — prints one JSON line. Runs: <fixed|sliding>-c32 (throughput), <fixed|sliding>-c1 (latency).
import Redis from 'ioredis';
import { commandCounter } from '../../lib/commandstats.mjs';
import { concurrentLoad } from '../../lib/concurrency.mjs';
import { latencyMicros } from '../../lib/latency.mjs';
import { SUBJECTS } from './subjects.mjs';

const [subjectName, run, durationArg] = process.argv.slice(2);
const durationMs = Number(durationArg ?? 1000);
const warmupMs = Math.min(500, durationMs / 2);
const { UPSTASH_URL: url, UPSTASH_TOKEN: token, REDIS_URL: redisUrl } = process.env;
if (!url || !token || !redisUrl)
  throw new Error('UPSTASH_URL, UPSTASH_TOKEN and REDIS_URL must be set: run `pnpm bench --suite upstash`');
const make = SUBJECTS[subjectName];
if (!make) throw new Error(`unknown subject ${subjectName}`);
const [algorithm, concurrency] = run.split('-');
if (!['fixed', 'sliding'].includes(algorithm) || !['c1', 'c32'].includes(concurrency))
  throw new Error(`unknown run ${run}`);

const KEYS = Array.from({ length: 10_000 }, (_, i) => `10.1.${i >> 8}.${i & 255}`);
const subject = make({ url, token, algorithm, limit: 1_000_000_000 });
const hit = async (i) => {
  if (!(await subject.hit(KEYS[i % KEYS.length]))) throw new Error(`${subjectName} denied a call under its limit`);
};

async function measure() {
  if (concurrency === 'c1') {
    const { p50, p99, calls } = await latencyMicros(hit, { warmupMs, durationMs });
    return { values: { p50, p99 }, details: { calls } };
  }
  const admin = new Redis(redisUrl);
  try {
    const counter = commandCounter(() => admin.info('commandstats'));
    await counter.start();
    const load = await concurrentLoad(hit, { concurrency: 32, warmupMs, durationMs });
    // counts the warm-up too: the commands Redis executed per check, scripts' own calls included
    const executed = await counter.stop();
    return {
      values: { throughput: load.perSecond, cpu: load.cpuMicrosPerCall },
      details: { calls: load.calls, commandstats: executed.byCommand },
    };
  } finally {
    admin.disconnect();
  }
}

const result = await measure();
console.log(JSON.stringify({ subject: subjectName, run, ...result }));
process.exit(0);
