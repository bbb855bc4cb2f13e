import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisSentinelSetup, startSentinel } from '../src/index.ts';

describe('startSentinel (3 sentinels)', () => {
  let setup: RedisSentinelSetup;
  beforeAll(async () => {
    setup = await startSentinel({ sentinels: 3, masterName: 'rl-master' });
  });
  afterAll(async () => {
    await setup?.stop();
  });

  it('every sentinel reports the master address', async () => {
    expect(setup.sentinels).toHaveLength(3);
    expect(setup.masterName).toBe('rl-master');
    for (const sentinel of setup.sentinelServers) {
      const reply = await sentinel.cli('SENTINEL', 'get-master-addr-by-name', 'rl-master');
      expect(reply).toBe(`127.0.0.1\n${setup.master.port}`);
    }
    expect(await setup.currentMaster()).toEqual({ host: '127.0.0.1', port: setup.master.port });
  });

  it('the replica replicates the master', async () => {
    expect(await setup.replica.cli('INFO', 'replication')).toMatch(/^role:slave/m);
    expect(await setup.replica.cli('INFO', 'replication')).toContain(`master_port:${setup.master.port}`);
  });

  it('ioredis connects through the sentinels and follows a failover', async () => {
    const redis = new Redis({ sentinels: setup.sentinels, name: setup.masterName });
    try {
      await redis.set('before-failover', '1');
      expect(await setup.master.cli('GET', 'before-failover')).toBe('1');
      const promoted = await setup.failover();
      expect(promoted.port).toBe(setup.replica.port);
      let value: string | null = null;
      for (let i = 0; i < 100 && value === null; i++) {
        // ioredis reconnects to the new master after the old one turns replica; retry until it has.
        value = await redis.set('after-failover', '2').then(
          () => redis.get('after-failover'),
          () => new Promise<null>((resolve) => setTimeout(() => resolve(null), 100)),
        );
      }
      expect(value).toBe('2');
      expect(await setup.replica.cli('GET', 'after-failover')).toBe('2');
    } finally {
      redis.disconnect();
    }
  });
});
