import type { BackendSelection } from '@rl/auto';
import { describeSelection } from '@rl/auto';
import { aclCheck } from './checks/acl.js';
import { environmentChecks } from './checks/environment.js';
import { roundTripCheck, scriptsCheck } from './checks/scripts.js';
import { memoryPolicyCheck, serverCheck } from './checks/server.js';
import { errorMessage, medianMs } from './measure.js';
import { connectRedisTarget } from './targets/redis-target.js';
import type { DoctorTarget } from './targets/target.js';
import { connectUpstashTarget } from './targets/upstash-target.js';
import type { CheckResult, CheckStatus, DoctorOptions, DoctorReport } from './types.js';

/** How long the doctor waits on any one command: longer than the app's timeout, so slowness is measured, not just failed. */
function doctorTimeout(selection: BackendSelection & { timeoutMs: number }): number {
  return Math.max(2000, selection.timeoutMs * 5);
}

function connect(selection: BackendSelection): Promise<DoctorTarget> {
  if (selection.backend === 'redis') return connectRedisTarget(selection, doctorTimeout(selection));
  if (selection.backend === 'upstash') return connectUpstashTarget(selection, doctorTimeout(selection));
  return Promise.reject(new Error('memory has nothing to connect to'));
}

function report(selection: BackendSelection | undefined, checks: CheckResult[], strict: boolean): DoctorReport {
  const summary: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, info: 0, skip: 0 };
  for (const check of checks) summary[check.status]++;
  return {
    ok: summary.fail === 0 && (!strict || summary.warn === 0),
    backend: selection?.backend ?? null,
    reason: selection?.reason ?? null,
    target: selection ? describeSelection(selection) : null,
    checks,
    summary,
  };
}

/**
 * Checks what `createStoreFromEnv` would do with this environment: which backend and why, then (for
 * Redis and Upstash) connection, PING, server version and mode, script loading and round trips,
 * `maxmemory-policy`, and whether the user may run what the store needs. Never throws.
 *
 * @example
 * import { runDoctor } from '@rl/cli'
 *
 * const report = await runDoctor({ env: process.env })
 * if (!report.ok) console.error(report.checks.filter((c) => c.status === 'fail'))
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const env = options.env ?? process.env;
  const prefix = options.prefix ?? 'rl';
  const samples = options.samples ?? 5;
  const strict = options.strict ?? false;
  const { selection, results: checks } = environmentChecks(env);
  if (selection === undefined || selection.backend === 'memory') return report(selection, checks, strict);

  const started = performance.now();
  let target: DoctorTarget;
  try {
    target = await connect(selection);
  } catch (error) {
    checks.push({
      id: 'connection',
      status: 'fail',
      message: `could not connect to ${describeSelection(selection)}: ${errorMessage(error)}`,
    });
    return report(selection, checks, strict);
  }
  try {
    const connectMs = Math.round(performance.now() - started);
    checks.push({ id: 'connection', status: 'pass', message: `connected in ${connectMs} ms`, data: { ms: connectMs } });
    try {
      const ms = await medianMs(samples, () => target.ping());
      checks.push({
        id: 'ping',
        status: 'pass',
        message: `PING ${ms} ms (median of ${samples})`,
        data: { ms, samples },
      });
    } catch (error) {
      checks.push({ id: 'ping', status: 'fail', message: `PING failed: ${errorMessage(error)}` });
    }
    checks.push(await serverCheck(target));
    checks.push(await scriptsCheck(target));
    checks.push(await roundTripCheck(target, prefix, selection.timeoutMs, samples));
    checks.push(await memoryPolicyCheck(target));
    checks.push(await aclCheck(target, prefix));
  } finally {
    await target.close();
  }
  return report(selection, checks, strict);
}
