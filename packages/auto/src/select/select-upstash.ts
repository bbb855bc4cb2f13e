import { invalidEnv } from '../env/env-error.js';
import type { EnvSource } from '../env/env-source.js';
import { maskUrl, parseUrl, readString } from '../env/read-values.js';
import type { UpstashSelection } from './types.js';

const REST_EXPECTED = 'an https:// REST URL such as https://your-db.upstash.io';

function checkRestUrl(variable: string, value: string): string {
  if (/^rediss?:\/\//i.test(value)) {
    throw invalidEnv(
      variable,
      { masked: maskUrl(value) },
      `${REST_EXPECTED} (a redis:// URL is for TCP: put it in REDIS_URL instead)`,
    );
  }
  const url = parseUrl(variable, value, REST_EXPECTED);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw invalidEnv(variable, { masked: maskUrl(value) }, REST_EXPECTED);
  return value.replace(/\/+$/, '');
}

function pair(
  env: EnvSource,
  urlName: string,
  tokenName: string,
  timeoutMs: number,
  reason: string,
): UpstashSelection | undefined {
  const url = readString(env, urlName);
  const token = readString(env, tokenName, true);
  if (url === undefined && token === undefined) return undefined;
  if (url === undefined) throw invalidEnv(urlName, { value: undefined }, `${REST_EXPECTED}, since ${tokenName} is set`);
  const restUrl = checkRestUrl(urlName, url);
  if (token === undefined) throw invalidEnv(tokenName, { value: undefined }, `the REST token, since ${urlName} is set`);
  return { backend: 'upstash', url: restUrl, token, timeoutMs, reason, variables: [urlName, tokenName], notes: [] };
}

/**
 * Upstash over REST: `UPSTASH_REDIS_REST_URL` + `UPSTASH_REDIS_REST_TOKEN`, or (as some apps name
 * them) `REDIS_URL=https://…` + `REDIS_TOKEN`. One of a pair without the other is an error.
 */
export function selectUpstash(env: EnvSource, timeoutMs: number): UpstashSelection | undefined {
  const upstash = pair(
    env,
    'UPSTASH_REDIS_REST_URL',
    'UPSTASH_REDIS_REST_TOKEN',
    timeoutMs,
    'UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are set (they take precedence over REDIS_URL)',
  );
  if (upstash) return upstash;
  const redisUrl = readString(env, 'REDIS_URL');
  if (redisUrl === undefined || !/^https?:\/\//i.test(redisUrl)) return undefined;
  return pair(env, 'REDIS_URL', 'REDIS_TOKEN', timeoutMs, 'REDIS_URL is an https:// REST URL and REDIS_TOKEN is set');
}
