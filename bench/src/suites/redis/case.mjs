// Child process: node case.mjs <subject> <run> [durationMs] with REDIS_URL set — prints one JSON line.
// Runs: c1 (latency, one call at a time), c256 and c256-autopipeline (256 calls in flight),
// commands (what Redis executes for 2 000 checks, untimed).
import Redis from 'ioredis';
import { commandCounter } from '../../lib/commandstats.mjs';
import { concurrentLoad, fixedCalls } from '../../lib/concurrency.mjs';
import { latencyMicros } from '../../lib/latency.mjs';
import { monitorCommands } from '../../lib/monitor.mjs';
import { SUBJECTS } from './subjects.mjs';

const [subjectName, run, durationArg] = process.argv.slice(2);
const durationMs = Number(durationArg ?? 1000);
const warmupMs = Math.min(500, durationMs / 2);
const url = process.env.REDIS_URL;
if (!url) throw new Error('REDIS_URL is not set: run this through `pnpm bench --suite redis`');
const make = SUBJECTS[subjectName];
if (!make) throw new Error(`unknown subject ${subjectName}`);

const LIMIT = 1_000_000_000;
const CHECKS = 2_000;
// Client addresses spread over 10 000 keys, the same sequence for every subject.
const KEYS = Array.from({ length: 10_000 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
const subject = await make({ url, limit: LIMIT, autoPipelining: run === 'c256-autopipeline' });
const hit = async (i) => {
  if (!(await subject.hit(KEYS[i % KEYS.length]))) throw new Error(`${subjectName} denied a call under its limit`);
};
const sum = (record) => Object.values(record).reduce((a, b) => a + b, 0);

/** Commands per check: sent by the client (MONITOR) and executed in all (INFO commandstats). */
async function countCommands() {
  await fixedCalls(hit, { total: 100, concurrency: 16 }); // scripts loaded, connections up
  const admin = new Redis(url);
  try {
    const counter = commandCounter(() => admin.info('commandstats'), ['info', 'monitor', 'echo']);
    await counter.start();
    const { sent, inScripts } = await monitorCommands(admin, () => fixedCalls(hit, { total: CHECKS, concurrency: 16 }));
    const executed = await counter.stop();
    return {
      values: { sent: sum(sent) / CHECKS, executed: executed.total / CHECKS },
      details: { checks: CHECKS, sent, inScripts, commandstats: executed.byCommand },
    };
  } finally {
    admin.disconnect();
  }
}

/** 256 calls in flight: throughput, client CPU and Redis script time per check. */
async function highConcurrency() {
  const admin = new Redis(url);
  const counter = commandCounter(() => admin.info('commandstats'));
  let executed;
  try {
    const load = await concurrentLoad(hit, {
      concurrency: 256,
      warmupMs,
      durationMs,
      before: counter.start,
      after: async () => {
        executed = await counter.stop();
      },
    });
    return {
      values: { throughput: load.perSecond, cpu: load.cpuMicrosPerCall, server: executed.scriptMicros / load.calls },
      details: { calls: load.calls },
    };
  } finally {
    admin.disconnect();
  }
}

async function measure() {
  switch (run) {
    case 'c1': {
      const { p50, p99, calls } = await latencyMicros(hit, { warmupMs, durationMs });
      return { values: { p50, p99 }, details: { calls } };
    }
    case 'c256':
    case 'c256-autopipeline':
      return highConcurrency();
    case 'commands':
      return countCommands();
    default:
      throw new Error(`unknown run ${run}`);
  }
}

const result = await measure();
subject.close();
console.log(JSON.stringify({ subject: subjectName, run, ...result }));
process.exit(0);
