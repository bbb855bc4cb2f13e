import { clockArgs, encodeCall, SCRIPTS } from '@rl-internal/redis-scripts';
import { errorMessage, isNoPerm } from '../measure.js';
import type { DoctorTarget } from '../targets/target.js';
import type { CheckResult } from '../types.js';
import { doctorCheck } from './scripts.js';

interface Probe {
  readonly what: string;
  readonly needed: 'fail' | 'warn';
  run(): Promise<unknown>;
}

/**
 * Tries, as the configured user, exactly what the store does: EVALSHA of the consume script (which
 * calls TIME and writes a key under the prefix), EVAL (used after NOSCRIPT: a restart or failover)
 * and DEL (used by reset). NOPERM on the first two is a failure; on DEL, a warning.
 */
export async function aclCheck(target: DoctorTarget, prefix: string): Promise<CheckResult> {
  const user = await target.whoami().catch(() => undefined);
  const check = doctorCheck(prefix, `acl-${process.pid}-${Date.now()}`);
  const peek = encodeCall([check], clockArgs(undefined, 0));
  const probes: Probe[] = [
    {
      what: 'EVALSHA (consume script: TIME + write)',
      needed: 'fail',
      run: () => target.store.consume({ checks: [check], cost: 1 }),
    },
    {
      what: 'EVAL (after NOSCRIPT)',
      needed: 'fail',
      run: () => target.evalScript(SCRIPTS.peek.source, peek.keys, peek.args),
    },
    { what: 'DEL (reset)', needed: 'warn', run: () => target.del(check.key) },
  ];
  const denied: { what: string; needed: 'fail' | 'warn'; error: string }[] = [];
  for (const probe of probes) {
    try {
      await probe.run();
    } catch (error) {
      if (isNoPerm(error)) denied.push({ what: probe.what, needed: probe.needed, error: errorMessage(error) });
      else if (/READONLY/.test(errorMessage(error))) {
        return {
          id: 'acl',
          status: 'fail',
          message: `this is a read-only replica (${errorMessage(error)}): point the app at the master`,
        };
      } else denied.push({ what: probe.what, needed: 'fail', error: errorMessage(error) });
    }
  }
  const who = user === undefined ? 'the configured user' : `user "${user}"`;
  const data = { user, prefix, denied };
  if (denied.length === 0) {
    return {
      id: 'acl',
      status: 'pass',
      message: `${who} may run EVALSHA, EVAL, TIME and DEL on ${prefix}:* keys`,
      data,
    };
  }
  const status = denied.some((d) => d.needed === 'fail') ? 'fail' : 'warn';
  return {
    id: 'acl',
    status,
    message: `${who} is refused ${denied.map((d) => `${d.what}: ${d.error}`).join('; ')}. Grant +evalsha +eval +time +del on ~${prefix}:*`,
    data,
  };
}
