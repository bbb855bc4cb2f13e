import { type FailurePolicy, invalidConfig } from '@rl/core';

/** The demo's knobs, read from the environment (process.env on Node, the bindings on Workers). */
export interface DemoSettings {
  /** `RL_MSG_MAX`: POST /api/v1/converse/message per IP per minute (seed default 60). */
  readonly messageMax: number;
  /** `RL_STREAM_MAX`: GET /api/v1/converse/stream per IP per minute (seed default 30). */
  readonly streamMax: number;
  /** `RL_STREAM_CONCURRENCY`: open streams per IP at once (default 3). */
  readonly streamConcurrency: number;
  /** `RL_METERED_MAX`: GET /api/metered per API key per hour (default 100; the multi-instance proof's limit). */
  readonly meteredMax: number;
  /** `RL_FAILURE_POLICY`: what requests get while the store fails — `fallback` (default), `fail-open`, `fail-closed`. */
  readonly failurePolicy: FailurePolicy;
  /** `TRUST_PROXY`: proxy hops in front of a Node server (default 0: the socket is the client). */
  readonly trustProxy: number;
  /** `RL_PK_SECRET`: the IETF `pk` HMAC secret; the same on every instance gives the same partition keys. */
  readonly partitionKeySecret: string | undefined;
}

/** Where settings come from: `process.env`, or a Worker's `env` bindings. */
export type SettingsSource = Readonly<Record<string, unknown>>;

function whole(env: SettingsSource, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0 || value > max) {
    throw invalidConfig(name, raw, `a whole number from 0 to ${max}`);
  }
  return value;
}

function positive(env: SettingsSource, name: string, fallback: number): number {
  const value = whole(env, name, fallback, 1_000_000);
  if (value === 0) throw invalidConfig(name, env[name], 'a whole number from 1 to 1000000');
  return value;
}

function policy(env: SettingsSource): FailurePolicy {
  const raw = env['RL_FAILURE_POLICY'];
  if (raw === undefined || raw === '') return 'fallback';
  if (raw !== 'fallback' && raw !== 'fail-open' && raw !== 'fail-closed') {
    throw invalidConfig('RL_FAILURE_POLICY', raw, '"fallback", "fail-open" or "fail-closed"');
  }
  return raw;
}

/**
 * Reads the demo's settings; a malformed value throws `RL_INVALID_CONFIG` naming the variable.
 *
 * @example
 * const settings = readSettings(process.env) // { messageMax: 60, streamMax: 30, ... }
 */
export function readSettings(env: SettingsSource): DemoSettings {
  const secret = env['RL_PK_SECRET'];
  return {
    messageMax: positive(env, 'RL_MSG_MAX', 60),
    streamMax: positive(env, 'RL_STREAM_MAX', 30),
    streamConcurrency: positive(env, 'RL_STREAM_CONCURRENCY', 3),
    meteredMax: positive(env, 'RL_METERED_MAX', 100),
    failurePolicy: policy(env),
    trustProxy: whole(env, 'TRUST_PROXY', 0, 10),
    partitionKeySecret: typeof secret === 'string' && secret !== '' ? secret : undefined,
  };
}
