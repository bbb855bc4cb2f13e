import { concurrency, fixedWindow, isRateLimitError, RateLimitError, type Store } from '@rl/core';
import { startTcpProxy, type TcpProxy, waitFor } from '@rl-internal/test-redis';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCountReply,
  clockArgs,
  createScriptStore,
  encodeCall,
  MismatchedReplyError,
  nextCallTag,
  SCRIPTS,
  toStoreError,
  untag,
} from '../src/index.js';
import { asRedisLike } from './helpers/ioredis-client.js';
import { useRedis } from './helpers/redis-fixture.js';

const rule = fixedWindow({ limit: 100, window: 60_000 });
const lease = concurrency({ limit: 5 });
const check = (id: string) => ({ key: `rl-tag:w:{${id}}`, rule });

const fixture = useRedis();

describe('call tags', () => {
  /** Runs `script` by EVAL with a head of arguments, optionally tagged. */
  const evalScript = (name: keyof typeof SCRIPTS, head: string[], tag?: string, checks = [check('a')]) => {
    const { keys, args } = encodeCall(checks, [...clockArgs(undefined, 0), ...head]);
    if (tag !== undefined) args.push(tag);
    return fixture.redis.eval(SCRIPTS[name].source, keys.length, ...keys, ...args) as Promise<unknown[]>;
  };

  it('every script ends its reply with the call tag, and runs untagged too (as `rl doctor` calls peek)', async () => {
    const heads = { consume: ['1', ''], peek: [], refund: ['1', '0'], release: ['l1'] } as const;
    for (const name of Object.keys(heads) as (keyof typeof heads)[]) {
      const checks = name === 'release' ? [{ key: 'rl-tag:c:{a}', rule: lease }] : [check('a')];
      const untagged = await evalScript(name, [...heads[name]], undefined, checks);
      const tag = nextCallTag();
      const tagged = await evalScript(name, [...heads[name]], tag, checks);
      // Echoed as an integer reply: cheaper for Redis, the Upstash gateway and both clients than a string.
      expect(tagged.at(-1)).toBe(Number(tag));
      const named = await evalScript(name, [...heads[name]], 'tag-x', checks);
      expect(named.at(-1)).toBe('tag-x');
      expect(tagged.length).toBe(untagged.length + 1);
    }
  });

  it('a real reply is accepted only by its own call; a DEL count is not a script reply, nor the reverse', async () => {
    const [tagA, tagB] = [nextCallTag(), nextCallTag()];
    expect(tagA).not.toBe(tagB);
    const replyA = await evalScript('consume', ['1', ''], tagA);
    const replyB = await evalScript('consume', ['1', ''], tagB, [check('b')]);
    expect(untag(replyA, tagA)).toEqual(replyA.slice(0, -1));
    expect(() => untag(replyB, tagA)).toThrow(MismatchedReplyError);
    const deleted = await fixture.redis.del('rl-tag:w:{b}');
    expect(checkCountReply(deleted)).toBe(1);
    expect(() => untag(deleted, tagA)).toThrow(MismatchedReplyError);
    expect(() => checkCountReply(replyA)).toThrow(MismatchedReplyError);
    const error = toStoreError('redis', 'consume', new MismatchedReplyError('x'));
    expect(isRateLimitError(error, 'RL_STORE_UNAVAILABLE')).toBe(true);
    expect(error.message).toMatch(/the reply to another call/);
  });
});

describe('trackConnection: told when a call cannot trust its connection any more', () => {
  let proxy: TcpProxy;
  let viaProxy: Redis;
  let store: Store;
  const untrusted: string[][] = [];
  beforeAll(async () => {
    proxy = await startTcpProxy(fixture.server.port);
    // No command timeout of its own: the store's deadline bounds the calls.
    viaProxy = new Redis({ host: proxy.host, port: proxy.port, maxRetriesPerRequest: 0 });
    store = createScriptStore({
      name: 'redis',
      client: asRedisLike(viaProxy),
      timeoutMs: 1000,
      trackConnection: (keys) => () => untrusted.push([...keys]),
    });
  });
  afterAll(async () => {
    viaProxy?.disconnect();
    await proxy?.close();
  });

  it('on a reply that belongs to another call and on a timeout; not on other errors', async () => {
    await store.consume({ checks: [check('x')], cost: 1 });
    proxy.setMode('drop-replies');
    const lost = store.consume({ checks: [check('lost')], cost: 1 }).catch((e: unknown) => e);
    await waitFor(
      'Redis to run the call whose reply is dropped',
      async () => (await fixture.redis.exists('rl-tag:w:{lost}')) === 1,
    );
    proxy.setMode('pass');
    // This call's reply reaches the lost call (ioredis pairs by order); it then waits in vain.
    const next = store.consume({ checks: [check('next')], cost: 1 }).catch((e: unknown) => e);

    const lostError = await lost;
    expect(isRateLimitError(lostError, 'RL_STORE_UNAVAILABLE')).toBe(true);
    expect((lostError as RateLimitError).cause).toBeInstanceOf(MismatchedReplyError);
    expect(isRateLimitError(await next, 'RL_STORE_TIMEOUT')).toBe(true);
    expect(untrusted).toEqual([['rl-tag:w:{lost}'], ['rl-tag:w:{next}']]);

    const invalid = await store.consume({ checks: [check('x')], cost: -1 }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(RateLimitError);
    expect(untrusted).toHaveLength(2);
  });
});
