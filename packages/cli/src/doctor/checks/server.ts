import { errorMessage } from '../measure.js';
import type { DoctorTarget } from '../targets/target.js';
import type { CheckResult } from '../types.js';

/** `field:value` from INFO text. */
export function infoField(info: string, field: string): string | undefined {
  return new RegExp(`^${field}:(.*)$`, 'm').exec(info)?.[1]?.trim();
}

/** Redis version and mode (standalone / cluster). The scripts need Redis ≥ 5. */
export async function serverCheck(target: DoctorTarget): Promise<CheckResult> {
  let version: string | undefined;
  try {
    version = infoField(await target.info('server'), 'redis_version');
  } catch (error) {
    return {
      id: 'server',
      status: 'info',
      message: `${target.mode}; version unknown (INFO server: ${errorMessage(error)})`,
      data: { mode: target.mode },
    };
  }
  const major = Number(version?.split('.')[0]);
  const tooOld = Number.isFinite(major) && major < 5;
  return {
    id: 'server',
    status: tooOld ? 'fail' : 'pass',
    message: `Redis ${version ?? '(unknown version)'}, ${target.mode}${tooOld ? ': the @rl scripts need Redis ≥ 5' : ''}`,
    data: { version, mode: target.mode },
  };
}

/** Eviction policies that can silently drop counters (every @rl key has a TTL, so volatile-* too). */
const EVICTING = /^(allkeys|volatile)-/;

/** Warns when Redis may evict rate-limit counters under memory pressure. */
export async function memoryPolicyCheck(target: DoctorTarget): Promise<CheckResult> {
  let info: string;
  try {
    info = await target.info('memory');
  } catch (error) {
    return {
      id: 'maxmemory-policy',
      status: 'skip',
      message: `not readable here (INFO memory: ${errorMessage(error)})`,
    };
  }
  const policy = infoField(info, 'maxmemory_policy');
  const maxmemory = Number(infoField(info, 'maxmemory') ?? '0');
  const data = { policy, maxmemory };
  if (policy === undefined)
    return { id: 'maxmemory-policy', status: 'skip', message: 'INFO memory does not report it', data };
  if (EVICTING.test(policy)) {
    const unset = maxmemory === 0 ? ' (maxmemory is 0 now, so nothing is evicted until a limit is set)' : '';
    return {
      id: 'maxmemory-policy',
      status: 'warn',
      message: `${policy}: under memory pressure Redis may evict rate-limit counters, silently resetting limits${unset}. Use noeviction (full memory then makes writes fail and your failure policy decides), or a Redis of its own for rate limiting.`,
      data,
    };
  }
  return {
    id: 'maxmemory-policy',
    status: 'pass',
    message: `${policy}: counters are never evicted${maxmemory > 0 ? '; if memory fills up, writes fail and your failure policy decides' : ''}`,
    data,
  };
}
