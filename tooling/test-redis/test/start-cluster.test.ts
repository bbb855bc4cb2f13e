import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisCluster, startCluster } from '../src/index.ts';

describe('startCluster', () => {
  let cluster: RedisCluster;
  beforeAll(async () => {
    cluster = await startCluster({ masters: 3 });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it('has 3 masters on distinct loopback ports that together cover all 16384 slots', async () => {
    expect(cluster.nodes).toHaveLength(3);
    expect(new Set(cluster.nodes.map((n) => n.port)).size).toBe(3);
    const client = new Redis(cluster.nodes[0]!);
    const slots = (await client.call('CLUSTER', 'SLOTS')) as [number, number, [string, number]][];
    client.disconnect();
    const covered = new Set<number>();
    const masterPorts = new Set<number>();
    for (const [start, end, [, port]] of slots) {
      masterPorts.add(port);
      for (let slot = start; slot <= end; slot++) covered.add(slot);
    }
    expect(covered.size).toBe(16384);
    expect([...masterPorts].sort()).toEqual(cluster.nodes.map((n) => n.port).sort());
  });

  it('every node reports cluster_state:ok', async () => {
    for (const node of cluster.servers) {
      expect(await node.cli('CLUSTER', 'INFO')).toMatch(/^cluster_state:ok/m);
    }
  });

  it('works with ioredis Cluster across slots and rejects cross-slot multi-key commands', async () => {
    const client = new Redis.Cluster(cluster.nodes);
    try {
      const keys = Array.from({ length: 30 }, (_, i) => `key-${i}`);
      await Promise.all(keys.map((key, i) => client.set(key, String(i))));
      expect(await Promise.all(keys.map((key) => client.get(key)))).toEqual(keys.map((_, i) => String(i)));
      await expect(client.mget('a', 'b', 'c')).rejects.toThrow(/CROSSSLOT/);
      await client.mset('{t}a', '1', '{t}b', '2');
      expect(await client.mget('{t}a', '{t}b')).toEqual(['1', '2']);
    } finally {
      await client.quit();
    }
  });

  it('a killed node restarts with its identity and slots, and the cluster heals', async () => {
    const node = cluster.servers[1]!;
    await node.kill();
    await node.restart();
    await cluster.waitUntilHealthy();
    expect(await node.cli('CLUSTER', 'INFO')).toMatch(/^cluster_state:ok/m);
    expect(await cluster.cli('SET', 'after-heal', '1')).toBe('OK');
  });

  it('cli() follows redirects', async () => {
    expect(await cluster.cli('SET', 'cli-cluster-key', 'v')).toBe('OK');
    expect(await cluster.cli('GET', 'cli-cluster-key')).toBe('v');
  });
});
