import { expect } from 'vitest';
import type { Case } from './case.js';

/** Who a limit applies to: addresses, proxies, IPv6 subnets, users, API keys, routes, key functions. */
export function keyCases(test: Case): void {
  test('ip-default', 'keys on the client address by default', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 } });
    expect(await client.admitted(4, () => ({ path: '/x', peer: '203.0.113.1' }))).toBe(2);
    expect(await client.admitted(4, () => ({ path: '/x', peer: '203.0.113.2' }))).toBe(2);
  });

  test(
    'untrusted-forwarded',
    'ignores X-Forwarded-For, Forwarded, X-Real-IP and CF-Connecting-IP from an untrusted peer',
    async (open) => {
      const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 } });
      const admitted = await client.admitted(8, (i) => ({
        path: '/x',
        headers: {
          'x-forwarded-for': `10.9.${i}.1`,
          forwarded: `for=10.8.${i}.1`,
          'x-real-ip': `10.7.${i}.1`,
          'cf-connecting-ip': `10.6.${i}.1`,
        },
      }));
      expect(admitted).toBe(2);
    },
  );

  test('trusted-hops', 'believes a trusted proxy: each client behind it gets its own limit', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, trustProxy: 1 });
    const via = (clientIp: string, spoof: string) => ({
      path: '/x',
      peer: '10.0.0.2',
      headers: { 'x-forwarded-for': `${spoof}, ${clientIp}` },
    });
    expect(await client.admitted(5, (i) => via('203.0.113.1', `6.6.6.${i}`))).toBe(2);
    expect(await client.admitted(5, (i) => via('203.0.113.2', `6.6.6.${i}`))).toBe(2);
  });

  test('trusted-ranges', 'trusts proxies by CIDR and ignores the header from peers outside them', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, trustProxy: ['10.0.0.0/8'] });
    const header = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i}` });
    expect(await client.admitted(4, (i) => ({ path: '/x', peer: '10.1.2.3', headers: header(i) }))).toBe(4);
    expect(await client.admitted(4, (i) => ({ path: '/x', peer: '198.51.100.9', headers: header(i) }))).toBe(2);
  });

  test('single-value-headers', 'reads X-Real-IP, CF-Connecting-IP or Forwarded when chosen', async (open) => {
    for (const [ipHeader, value] of [
      ['x-real-ip', (i: number) => `203.0.113.${i}`],
      ['cf-connecting-ip', (i: number) => `2001:db8:${i}::1`],
      ['forwarded', (i: number) => `for="[2001:db8:${i}::1]:4711";proto=https`],
    ] as const) {
      const client = await open({ rules: { maxRequests: 1, windowMs: 60_000 }, trustProxy: 1, ipHeader });
      const admitted = await client.admitted(3, (i) => ({
        path: '/x',
        peer: '10.0.0.2',
        headers: { [ipHeader]: value(i) },
      }));
      expect(admitted, ipHeader).toBe(3);
    }
  });

  test('ipv6-subnet', 'groups IPv6 by /56 (configurable) and folds IPv4-mapped addresses into IPv4', async (open) => {
    const client = await open({ rules: { maxRequests: 2, windowMs: 60_000 } });
    expect(await client.admitted(5, (i) => ({ path: '/x', peer: `2001:db8:1:2${i}::${i + 1}` }))).toBe(2);
    expect(await client.admitted(3, () => ({ path: '/x', peer: '2001:db8:1:100::1' }))).toBe(2);
    expect(await client.admitted(3, (i) => ({ path: '/x', peer: i % 2 ? '::ffff:203.0.113.7' : '203.0.113.7' }))).toBe(
      2,
    );
    const wide = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, ipv6Subnet: 64 });
    expect(await wide.admitted(3, (i) => ({ path: '/x', peer: `2001:db8:1:2${i}::1` }))).toBe(3);
  });

  test(
    'user-and-api-key',
    'keys on user id or API key, and on combinations like the seeds route + ip + user',
    async (open) => {
      const users = await open({ rules: { maxRequests: 2, windowMs: 60_000 }, key: ['user'], userHeader: true });
      expect(
        await users.admitted(3, (i) => ({ path: '/x', peer: `203.0.113.${i}`, headers: { 'x-user-id': 'u1' } })),
      ).toBe(2);
      expect(await users.admitted(3, () => ({ path: '/x', headers: { 'x-user-id': 'u2' } }))).toBe(2);

      const keys = await open({
        rules: { maxRequests: 1, windowMs: 60_000 },
        key: ['apiKey'],
        apiKeyHeader: 'x-api-key',
      });
      expect(await keys.admitted(4, (i) => ({ path: '/x', headers: { 'x-api-key': `k${i % 2}` } }))).toBe(2);

      const seeds = await open({
        rules: { maxRequests: 1, windowMs: 60_000 },
        key: ['route', 'ip', 'user'],
        userHeader: true,
      });
      const all = await seeds.admitted(8, (i) => ({
        path: i % 2 ? '/api/a' : '/api/b',
        headers: { 'x-user-id': i % 4 < 2 ? 'u1' : 'u2' },
      }));
      expect(all).toBe(4);
    },
  );

  test('custom-key', 'accepts a custom key function', async (open) => {
    const client = await open({ rules: { maxRequests: 1, windowMs: 60_000 }, key: 'custom' });
    const admitted = await client.admitted(6, (i) => ({
      path: '/x',
      peer: `203.0.113.${i}`,
      headers: { 'x-custom-key': `t${i % 3}` },
    }));
    expect(admitted).toBe(3);
  });
}
