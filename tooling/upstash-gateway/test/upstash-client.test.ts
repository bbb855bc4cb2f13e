import { Redis, type RedisConfigNodejs } from '@upstash/redis';
import { describe, expect, it } from 'vitest';
import { TOKEN, useGateway } from './fixture.ts';

describe('@upstash/redis (Node entry) against the gateway', () => {
  const { gateway, server } = useGateway();
  const client = (options: Partial<RedisConfigNodejs> = {}) =>
    new Redis({ url: gateway().url, token: gateway().token, enableTelemetry: false, ...options });

  it('get / set / incr (auto-pipelined, the client default)', async () => {
    const redis = client();
    expect(await redis.set('client:k', 'v')).toBe('OK');
    expect(await redis.get('client:k')).toBe('v');
    expect(await redis.incr('client:n')).toBe(1);
    expect(await redis.incrby('client:n', 41)).toBe(42);
    expect(await redis.get('client:none')).toBeNull();
    expect(await server().cli('GET', 'client:n')).toBe('42');
  });

  it('get / set / incr with auto-pipelining off (POST /)', async () => {
    const redis = client({ enableAutoPipelining: false });
    expect(await redis.set('client:single', 'x', { ex: 60 })).toBe('OK');
    expect(await redis.get('client:single')).toBe('x');
    expect(await redis.incr('client:single-n')).toBe(1);
    await expect(redis.incr('client:single')).rejects.toThrow(/ERR value is not an integer/);
  });

  it('pipeline, including a failing command with keepErrors', async () => {
    const redis = client();
    const results = await redis.pipeline().set('client:p', 1).incr('client:p').get('client:p').exec();
    expect(results).toEqual(['OK', 2, 2]);
    const withError = await redis.pipeline().set('client:pe', 'text').incr('client:pe').exec({ keepErrors: true });
    expect(withError[0]).toEqual({ result: 'OK', error: undefined });
    expect(withError[1]!.error).toMatch(/ERR value is not an integer/);
    await expect(redis.pipeline().set('client:pe', 'text').incr('client:pe').exec()).rejects.toThrow(
      /Command 2 \[ incr \] failed/,
    );
  });

  it('multi-exec', async () => {
    const redis = client();
    const results = await redis.multi().set('client:m', 10).incrby('client:m', 5).get('client:m').exec();
    expect(results).toEqual(['OK', 15, 15]);
  });

  it('eval, scriptLoad, evalsha; EVALSHA of an unknown script throws NOSCRIPT', async () => {
    const redis = client({ enableAutoPipelining: false });
    const script = "return {KEYS[1], ARGV[1], {tonumber(ARGV[2]) + 1, 'nested'}}";
    expect(await redis.eval(script, ['client:key'], ['arg', 41])).toEqual(['client:key', 'arg', [42, 'nested']]);
    await redis.scriptFlush();
    const unknownSha = 'ffffffffffffffffffffffffffffffffffffffff';
    await expect(redis.evalsha(unknownSha, [], [])).rejects.toThrow(/NOSCRIPT/);
    const sha = await redis.scriptLoad('return ARGV[1]');
    expect(sha).toMatch(/^[0-9a-f]{40}$/);
    expect(await redis.evalsha(sha, [], ['hello'])).toBe('hello');
    expect(await redis.scriptExists(sha, unknownSha)).toEqual([1, 0]);
  });

  it('createScript().exec falls back from NOSCRIPT to EVAL, then EVALSHA hits', async () => {
    const redis = client({ enableAutoPipelining: false });
    await redis.scriptFlush();
    const script = redis.createScript<number>("return redis.call('INCR', KEYS[1])");
    const before = gateway().commandCount;
    expect(await script.exec(['client:script'], [])).toBe(1);
    expect(gateway().commandCount - before).toBe(2); // EVALSHA (NOSCRIPT) + EVAL
    expect(await script.exec(['client:script'], [])).toBe(2);
    expect(gateway().commandCount - before).toBe(3); // EVALSHA only
  });

  it('a wrong token is rejected (401 → UpstashError with WRONGPASS)', async () => {
    const redis = new Redis({ url: gateway().url, token: 'wrong', enableTelemetry: false, retry: false });
    await expect(redis.get('client:k')).rejects.toThrow(/WRONGPASS invalid or missing auth token/);
    expect(TOKEN).not.toBe('wrong');
  });

  it('base64 round trip of Unicode and binary-ish strings', async () => {
    const redis = client({ automaticDeserialization: false });
    const values = [
      'héllo wörld',
      '日本語テキスト',
      '🚀 emoji 👍🏽',
      'T0s=', // looks like base64 itself
      'OK',
      '',
      ' spaces and\ttabs\nnewlines ',
      '\u0000\u0001\u007f control',
      '{"json":true}',
      '12345',
    ];
    for (const [i, value] of values.entries()) await redis.set(`client:b64:${i}`, value);
    const got = await Promise.all(values.map((_, i) => redis.get<string>(`client:b64:${i}`)));
    expect(got).toEqual(values);
    expect(await redis.mget<string[]>(...values.map((_, i) => `client:b64:${i}`))).toEqual(values);
    expect(await server().cli('STRLEN', 'client:b64:2')).toBe(String(Buffer.byteLength(values[2]!)));
  });

  it('hashes and sorted sets come back in the client shapes', async () => {
    const redis = client();
    await redis.hset('client:h', { a: 1, b: 'two' });
    expect(await redis.hgetall('client:h')).toEqual({ a: 1, b: 'two' });
    await redis.zadd('client:z', { score: 1, member: 'one' }, { score: 2, member: 'two' });
    expect(await redis.zrange('client:z', 0, -1, { withScores: true })).toEqual(['one', 1, 'two', 2]);
  });
});
