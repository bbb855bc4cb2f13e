import { invalidEnv } from '../env/env-error.js';
import type { EnvSource } from '../env/env-source.js';
import { maskUrl, parseUrl, readFlag, readPort, readString } from '../env/read-values.js';
import type { RedisConnection, RedisSelection } from './types.js';

const URL_EXPECTED = 'a redis:// or rediss:// URL such as redis://user:password@host:6379/0';

function fromUrl(value: string): Omit<RedisConnection, 'tls'> & { tls: boolean } {
  const url = parseUrl('REDIS_URL', value, URL_EXPECTED);
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw invalidEnv('REDIS_URL', { masked: maskUrl(value) }, URL_EXPECTED);
  }
  const port = url.port === '' ? 6379 : Number(url.port);
  const path = url.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : /^\d{1,2}$/.test(path) ? Number(path) : Number.NaN;
  if (!Number.isInteger(db))
    throw invalidEnv('REDIS_URL', { masked: maskUrl(value) }, `${URL_EXPECTED} (the path is a database number)`);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw invalidEnv('REDIS_URL', { masked: maskUrl(value) }, URL_EXPECTED);
  return {
    host,
    port,
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
    tls: url.protocol === 'rediss:',
    db,
  };
}

/**
 * Redis over TCP: `REDIS_URL` (`redis://`, `rediss://`) or `REDIS_HOST` / `REDIS_PORT`, with
 * `REDIS_USERNAME`, `REDIS_PASSWORD` (they win over credentials in the URL) and `REDIS_TLS`.
 */
export function selectRedis(env: EnvSource, timeoutMs: number): RedisSelection | undefined {
  const url = readString(env, 'REDIS_URL');
  const host = readString(env, 'REDIS_HOST');
  const port = readPort(env, 'REDIS_PORT');
  if (url === undefined && host === undefined && port === undefined) return undefined;
  const username = readString(env, 'REDIS_USERNAME');
  const password = readString(env, 'REDIS_PASSWORD', true);
  const tlsFlag = readFlag(env, 'REDIS_TLS');
  const variables: string[] = [];
  const notes: string[] = [];
  let base: RedisConnection;
  if (url !== undefined) {
    base = fromUrl(url);
    variables.push('REDIS_URL');
    if (host !== undefined || port !== undefined)
      notes.push('REDIS_HOST / REDIS_PORT are ignored because REDIS_URL is set.');
    if (tlsFlag === false && base.tls) {
      throw invalidEnv('REDIS_TLS', { value: 'false' }, 'true or unset, since REDIS_URL uses rediss:// (TLS)');
    }
  } else {
    base = {
      host: host ?? '127.0.0.1',
      port: port ?? 6379,
      username: undefined,
      password: undefined,
      tls: false,
      db: 0,
    };
    variables.push(...(host === undefined ? [] : ['REDIS_HOST']), ...(port === undefined ? [] : ['REDIS_PORT']));
  }
  if (readString(env, 'REDIS_TOKEN', true) !== undefined) {
    notes.push(
      'REDIS_TOKEN is ignored with a TCP connection (it pairs with an https:// REDIS_URL); use REDIS_PASSWORD.',
    );
  }
  if (username !== undefined) variables.push('REDIS_USERNAME');
  if (password !== undefined) variables.push('REDIS_PASSWORD');
  if (tlsFlag !== undefined) variables.push('REDIS_TLS');
  const connection: RedisConnection = {
    ...base,
    username: username ?? base.username,
    password: password ?? base.password,
    tls: tlsFlag ?? base.tls,
  };
  const reason = `${variables[0]} is set${url === undefined ? '' : ` (${url.split(':')[0]}://)`}`;
  return { backend: 'redis', connection, timeoutMs, reason, variables, notes };
}
