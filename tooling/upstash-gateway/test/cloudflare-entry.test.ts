import { Redis } from '@upstash/redis/cloudflare';
import { describe, expect, it } from 'vitest';
import { useGateway } from './fixture.ts';

describe('@upstash/redis/cloudflare (global fetch) against the gateway', () => {
  const { gateway } = useGateway();

  it('runs commands, pipelines, transactions and scripts', async () => {
    const redis = new Redis({ url: gateway().url, token: gateway().token, enableTelemetry: false });
    expect(await redis.set('cf:k', 'välue')).toBe('OK');
    expect(await redis.get('cf:k')).toBe('välue');
    expect(await redis.incr('cf:n')).toBe(1);
    expect(await redis.pipeline().incr('cf:n').get('cf:n').exec()).toEqual([2, 2]);
    expect(await redis.multi().incr('cf:n').incr('cf:n').exec()).toEqual([3, 4]);
    await expect(redis.evalsha('0000000000000000000000000000000000000000', [], [])).rejects.toThrow(/NOSCRIPT/);
    expect(await redis.eval('return {1, {2}}', [], [])).toEqual([1, [2]]);
  });

  it('rejects a wrong token', async () => {
    const redis = new Redis({ url: gateway().url, token: 'nope', enableTelemetry: false, retry: false });
    await expect(redis.get('cf:k')).rejects.toThrow(/WRONGPASS/);
  });
});
