import { fixedWindow, type StoreCheck } from '@rl/core';
import { SCRIPTS } from '@rl-internal/redis-scripts';
import { errorMessage, isNoPerm, medianMs } from '../measure.js';
import type { DoctorTarget } from '../targets/target.js';
import type { CheckResult } from '../types.js';

/** The rule and key the doctor reads and writes: one 1-second window under your prefix. */
export function doctorCheck(prefix: string, suffix: string): StoreCheck {
  return { key: `${prefix}:doctor:{${suffix}}`, rule: fixedWindow({ limit: 1, window: 1000, name: 'doctor' }) };
}

/** `SCRIPT LOAD`s the four scripts on every master and compares the SHA1s with the ones the stores call. */
export async function scriptsCheck(target: DoctorTarget): Promise<CheckResult> {
  const loaded: Record<string, string> = {};
  for (const script of Object.values(SCRIPTS)) {
    let shas: string[];
    try {
      shas = await target.scriptLoad(script.source);
    } catch (error) {
      if (isNoPerm(error)) {
        return {
          id: 'scripts',
          status: 'warn',
          message: `SCRIPT LOAD is not allowed (${errorMessage(error)}); the store loads each script with EVAL on first use instead`,
        };
      }
      return {
        id: 'scripts',
        status: 'fail',
        message: `SCRIPT LOAD of the ${script.name} script failed: ${errorMessage(error)}`,
      };
    }
    const wrong = shas.find((sha) => sha !== script.sha1);
    if (wrong !== undefined) {
      return {
        id: 'scripts',
        status: 'fail',
        message: `the server hashed the ${script.name} script to ${wrong}, not ${script.sha1}: something between you and Redis rewrites scripts`,
      };
    }
    loaded[script.name] = script.sha1;
  }
  return {
    id: 'scripts',
    status: 'pass',
    message: `${Object.keys(loaded).length} scripts loaded (${target.mode})`,
    data: { sha1: loaded },
  };
}

/** Median round trip of the read-only peek script through the @rl store, against the configured timeout. */
export async function roundTripCheck(
  target: DoctorTarget,
  prefix: string,
  timeoutMs: number,
  samples: number,
): Promise<CheckResult> {
  const request = { checks: [doctorCheck(prefix, 'round-trip')] };
  try {
    const ms = await medianMs(samples, () => target.store.peek(request));
    const slow = ms > timeoutMs / 2;
    return {
      id: 'round-trip',
      status: slow ? 'warn' : 'pass',
      message: `script round trip ${ms} ms (median of ${samples})${slow ? `, more than half the ${timeoutMs} ms timeout: expect timeouts under load (raise REDIS_TIMEOUT or move closer)` : ''}`,
      data: { ms, samples, timeoutMs },
    };
  } catch (error) {
    return { id: 'round-trip', status: 'fail', message: `the peek script failed: ${errorMessage(error)}` };
  }
}
