import { RateLimitError } from '@rl/core';
import { Redis } from '@upstash/redis';
import { Redis as CloudflareRedis } from '@upstash/redis/cloudflare';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { describeUpstashRisks, readUpstashSettings } from '../src/client-checks.js';
import { DEFAULT_UPSTASH_TIMEOUT_MS, type UpstashClient, upstashStore } from '../src/index.js';

// Clients here are never called: only their construction-time settings are read (no network).
const base = { url: 'http://127.0.0.1:9', token: 'unused', enableTelemetry: false };

function invalid(run: () => unknown): RateLimitError {
  try {
    run();
  } catch (error) {
    if (error instanceof RateLimitError) return error;
    throw error;
  }
  throw new Error('expected RL_INVALID_CONFIG');
}

describe('options', () => {
  it('rejects a missing or wrong client, naming the option and the value', () => {
    for (const client of [undefined, null, 'redis://x', {}, { evalsha: () => 1 }]) {
      const error = invalid(() => upstashStore({ client: client as unknown as UpstashClient }));
      expect(error.code).toBe('RL_INVALID_CONFIG');
      expect(error.message).toMatch(/Invalid option "client".*expected an @upstash\/redis Redis instance/);
    }
    expect(invalid(() => upstashStore(undefined as never)).message).toMatch(/"options"/);
  });

  it('rejects a timeoutMs that is not a whole number of ms ≥ 1', () => {
    const client = new Redis({ ...base, retry: { retries: 0 } });
    for (const timeoutMs of [0, -1, 1.5, Number.NaN, '100']) {
      const error = invalid(() => upstashStore({ client, timeoutMs: timeoutMs as number }));
      expect(error.message).toMatch(/Invalid option "timeoutMs"/);
    }
    expect(DEFAULT_UPSTASH_TIMEOUT_MS).toBe(1000);
  });

  it('rejects a negative skewToleranceMs', () => {
    const client = new Redis({ ...base, retry: { retries: 0 } });
    expect(invalid(() => upstashStore({ client, skewToleranceMs: -5 })).message).toMatch(/"skewToleranceMs"/);
  });

  it('declares what it is: a shared store with both clocks and every algorithm', () => {
    const store = upstashStore({ client: new Redis({ ...base, retry: { retries: 0 } }) });
    expect(store.name).toBe('upstash');
    expect(store.shared).toBe(true);
    expect([...store.supports.clocks].sort()).toEqual(['caller', 'store']);
    expect(store.supports.algorithms).toHaveLength(6);
  });
});

describe('client settings that risk double counting or hanging', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads retries and signal from Node and /cloudflare clients, auto-pipelined or not', () => {
    expect(readUpstashSettings(new Redis(base))).toEqual({ retries: 5, signal: 'none' });
    expect(readUpstashSettings(new Redis({ ...base, retry: false }))).toEqual({ retries: 1, signal: 'none' });
    expect(readUpstashSettings(new Redis({ ...base, retry: { retries: 0 } }))).toEqual({ retries: 0, signal: 'none' });
    expect(
      readUpstashSettings(new Redis({ ...base, enableAutoPipelining: false, signal: () => AbortSignal.timeout(100) })),
    ).toEqual({ retries: 5, signal: 'function' });
    expect(readUpstashSettings(new CloudflareRedis({ ...base, signal: new AbortController().signal }))).toEqual({
      retries: 5,
      signal: 'fixed',
    });
    expect(readUpstashSettings({})).toEqual({ retries: undefined, signal: 'none' });
  });

  it('describes each risk, and nothing for a safe client', () => {
    expect(describeUpstashRisks({ retries: 0, signal: 'function' })).toBeUndefined();
    expect(describeUpstashRisks({ retries: undefined, signal: 'none' })).toBeUndefined();
    expect(describeUpstashRisks({ retries: 5, signal: 'none' })).toMatch(
      /count twice — create it with retry: \{ retries: 0 \} \(retry: false still retries once\)/,
    );
    expect(describeUpstashRisks({ retries: 0, signal: 'fixed' })).toMatch(/single AbortSignal/);
  });

  it('warns once per distinct risk with console.warn, unless warnUnsafeClient is false', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    upstashStore({ client: new Redis({ ...base, retry: { retries: 3 } }), warnUnsafeClient: false });
    expect(warn).not.toHaveBeenCalled();
    upstashStore({ client: new Redis({ ...base, retry: { retries: 3 } }) });
    upstashStore({ client: new Redis({ ...base, retry: { retries: 3 } }) }); // e.g. a store per request
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/^@rl\/upstash: .*\(3 retries\)/);
    upstashStore({ client: new Redis({ ...base, retry: { retries: 0 } }) });
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
