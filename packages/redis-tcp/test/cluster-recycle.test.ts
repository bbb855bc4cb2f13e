import { createLimiter, fixedWindow, isRateLimitError, type Limiter } from '@rl/core';
import { MismatchedReplyError } from '@rl-internal/redis-scripts';
import { type RedisCluster, startCluster, startTcpProxy, type TcpProxy, waitFor } from '@rl-internal/test-redis';
import type { Cluster, Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisCluster, type RedisClusterOptions, redisStore } from '../src/index.js';
import { keySlot } from '../src/key-slot.js';
import {
  burst,
  chargeBands,
  countedOnce,
  LIMIT,
  loseOneReply,
  misattributed,
  type Outcome,
  unitsBeyondBand,
} from './helpers/bands.js';

// One master of a 3-master cluster is reached through a TCP proxy (ioredis natMap): a reply lost
// there must replace that master's connection only, and never hand a decision to the wrong call.

const rules = fixedWindow({ limit: LIMIT, window: 3_600_000 });
let cluster: RedisCluster;
let proxy: TcpProxy;
let direct: Cluster;
let proxiedKey: string;
let natMap: RedisClusterOptions['natMap'];
const clients: Cluster[] = [];

beforeAll(async () => {
  cluster = await startCluster({ masters: 3 });
  const target = cluster.nodes[0] as { host: string; port: number };
  proxy = await startTcpProxy(target.port);
  proxiedKey = `${proxy.host}:${proxy.port}`;
  direct = createRedisCluster(cluster.nodes, { onError: false });
  natMap = { [`${target.host}:${target.port}`]: { host: proxy.host, port: proxy.port } };
  await new Promise((resolve) => direct.once('ready', resolve));
});
afterEach(() => {
  proxy.setMode('pass');
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(async () => {
  direct?.disconnect();
  await proxy?.close();
  await cluster?.stop();
});

const nodeKey = (node: Redis) => `${node.options.host}:${node.options.port}`;

/** 4 identifiers on the proxied master, then 4 on the others (by their hash tag's slot). */
function pickIdentifiers(client: Cluster): { ids: string[]; proxied: string[]; others: string[] } {
  const proxied: string[] = [];
  const others: string[] = [];
  for (let i = 0; proxied.length < 4 || others.length < 4; i++) {
    const id = `u${i}`;
    const onProxy = client.slots[keySlot(`{${id}}`)]?.[0] === proxiedKey;
    if (onProxy && proxied.length < 4) proxied.push(id);
    if (!onProxy && others.length < 4) others.push(id);
  }
  return { ids: [...proxied, ...others], proxied, others };
}

async function setup(prefix: string, redisOptions: RedisClusterOptions['redisOptions'] = {}) {
  const client = createRedisCluster(cluster.nodes, { natMap, onError: false, redisOptions });
  clients.push(client);
  await new Promise((resolve) => client.once('ready', resolve));
  const limiter = createLimiter({ store: redisStore({ client }), prefix, rules });
  await limiter.limit('warm-up');
  const { ids, proxied, others } = pickIdentifiers(client);
  await chargeBands(createLimiter({ store: redisStore({ client: direct }), prefix, rules }), ids);
  const counted = async (id: string) => unitsBeyondBand(await direct.get(limiter.keys(id)[0] as string), ids, id);
  const sockets = () => new Map(client.nodes('master').map((node) => [nodeKey(node), node.stream]));
  return { client, limiter, ids, proxied, others, counted, sockets };
}

async function untilAnswered(limiter: Limiter, ids: string[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await waitFor('every identifier to be answered again', async () => {
    outcomes.push(...(await burst(limiter, ids, 1)));
    return ids.every((id) => outcomes.some((o) => o.identifier === id && o.decision));
  });
  return outcomes;
}

describe('Cluster: a reply lost on one master’s connection', () => {
  it('replaces that master’s connection only; the other masters keep answering; no call gets another call’s decision', async () => {
    const { client, limiter, ids, proxied, others, counted, sockets } = await setup('rl-cmix', {
      commandTimeout: 10_000,
    });
    expect(client.nodes('master').map(nodeKey)).toContain(proxiedKey);
    const before = sockets();
    const { lost } = await loseOneReply(proxy, limiter, proxied[0] as string, counted);
    const replies = burst(limiter, ids, 4);
    const outcomes = [await lost, ...(await replies)];

    const lostError = outcomes[0]?.error as Error | undefined;
    expect(isRateLimitError(lostError, 'RL_STORE_UNAVAILABLE')).toBe(true);
    expect(lostError?.cause).toBeInstanceOf(MismatchedReplyError);
    expect(misattributed(outcomes, ids)).toEqual([]);
    expect(outcomes.filter((o) => others.includes(o.identifier) && !o.decision)).toEqual([]);
    expect(before.get(proxiedKey)?.destroyed).toBe(true);
    for (const [key, socket] of before) if (key !== proxiedKey) expect(socket.destroyed).toBe(false);

    const after = await untilAnswered(limiter, ids);
    expect(misattributed(after, ids)).toEqual([]);
    expect(sockets().get(proxiedKey)).not.toBe(before.get(proxiedKey));
    expect(await countedOnce([...outcomes, ...after], ids, counted)).toEqual([]);
  });

  it('with the default 500 ms timeout: the call times out, that master is reconnected, decisions stay with their calls', async () => {
    const { limiter, ids, proxied, counted, sockets } = await setup('rl-ctime');
    const before = sockets();
    const lost = await (await loseOneReply(proxy, limiter, proxied[0] as string, counted)).lost;
    expect(isRateLimitError(lost.error, 'RL_STORE_TIMEOUT')).toBe(true);
    expect(before.get(proxiedKey)?.destroyed).toBe(true);
    const outcomes = await untilAnswered(limiter, ids);
    expect(misattributed(outcomes, ids)).toEqual([]);
    expect(await countedOnce([lost, ...outcomes], ids, counted)).toEqual([]);
  });

  it('keySlot agrees with CLUSTER KEYSLOT', async () => {
    const keys = ['a', 'rl:fixed:{203.0.113.7}', '{}x', 'x{}{y}', '{user1000}.following', 'ключ', 'rl:{%7B}', ''];
    for (const key of keys) expect(keySlot(key)).toBe(await direct.cluster('KEYSLOT', key));
  });
});
