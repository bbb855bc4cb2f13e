import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchUnhandled } from './load.js';
import { faultLimiter, faultStore } from './setup.js';

let server: RedisServer;
const unhandled = watchUnhandled();
beforeAll(async () => {
  server = await startRedis({ args: ['--maxmemory-policy', 'noeviction'] });
});
afterAll(async () => {
  unhandled.dispose();
  await server.stop();
});

/** Stores ~1.3 MB, then lowers maxmemory below what is used: with noeviction, every write is refused. */
async function runOutOfMemory(server: RedisServer): Promise<string> {
  const filler = new Redis({ host: '127.0.0.1', port: server.port });
  const value = 'x'.repeat(64 * 1024);
  for (let i = 0; i < 20; i++) await filler.set(`filler:${i}`, value);
  await filler.config('SET', 'maxmemory', '1mb');
  const refused = await filler.set('probe', '1').then(
    () => 'accepted',
    (error: unknown) => String(error),
  );
  filler.disconnect();
  return refused;
}

describe('Redis out of memory (tiny maxmemory, noeviction)', () => {
  it('applies the configured policy to the refused writes, then recovers once memory is freed', async () => {
    const closed = faultLimiter(faultStore(server.port), { policy: 'fail-closed' });
    const fallback = faultLimiter(faultStore(server.port), { policy: 'fallback' });
    expect((await closed.limit('before')).reason).toBe('ok');

    const oom = await runOutOfMemory(server);
    expect(oom).toMatch(/OOM/);
    const refused = await closed.limit('new-key');
    const fellBack = await fallback.limit('new-key');
    console.info(
      `[oom] decision error: ${(refused.error as { code?: string }).code}: ${String((refused.error as Error)?.message).slice(0, 200)}`,
    );
    expect(refused).toMatchObject({ allowed: false, reason: 'store_unavailable' });
    // An operational failure (the failure policy's business), not a bug in the script.
    expect((refused.error as { code?: string }).code).toBe('RL_STORE_UNAVAILABLE');
    expect(String((refused.error as Error).message)).toMatch(/OOM command not allowed/);
    expect(String((refused.error as Error).message)).toMatch(/maxmemory-policy to volatile-ttl or volatile-lru/);
    expect((fellBack.error as { code?: string }).code).toBe('RL_STORE_UNAVAILABLE');
    expect(fellBack).toMatchObject({ allowed: true, reason: 'fallback' });
    expect(await closed.health()).toMatchObject({ backend: 'redis' });

    await server.cli('FLUSHALL');
    await server.cli('CONFIG', 'SET', 'maxmemory', '0');
    expect((await closed.limit('after')).reason).toBe('ok');
    await closed.store.close();
    await fallback.store.close();
    expect(unhandled.errors).toEqual([]);
  });
});
