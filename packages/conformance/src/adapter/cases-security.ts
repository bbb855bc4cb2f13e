import { expect } from 'vitest';
import type { Case } from './case.js';

const L = 5;
const octet = () => Math.floor(Math.random() * 256);
const hex = () => Math.floor(Math.random() * 0x10000).toString(16);
const randomV4 = () => `${octet()}.${octet()}.${octet()}.${octet()}`;

/** Attacks that must all end with exactly L admitted, and inputs that must not crash anything. */
export function securityCases(test: Case, volume: number): void {
  test(
    'spoofed-xff-untrusted',
    `${volume} requests from one peer with random X-Forwarded-For, trust off: exactly L admitted`,
    async (open) => {
      const client = await open({ rules: { maxRequests: L, windowMs: 60_000 } });
      const admitted = await client.admitted(volume, () => ({
        path: '/x',
        headers: { 'x-forwarded-for': randomV4() },
      }));
      expect(admitted).toBe(L);
    },
  );

  test(
    'spoofed-xff-one-hop',
    `${volume} requests through one trusted proxy with random X-Forwarded-For: exactly L admitted`,
    async (open) => {
      const client = await open({ rules: { maxRequests: L, windowMs: 60_000 }, trustProxy: 1 });
      const admitted = await client.admitted(volume, () => ({
        path: '/x',
        peer: '10.0.0.2',
        headers: { 'x-forwarded-for': `${randomV4()}, ${randomV4()}, 203.0.113.50` },
      }));
      expect(admitted).toBe(L);
    },
  );

  test('ipv6-rotation', `${volume} addresses inside one IPv6 /56: exactly L admitted`, async (open) => {
    const client = await open({ rules: { maxRequests: L, windowMs: 60_000 } });
    const admitted = await client.admitted(volume, () => ({
      path: '/x',
      peer: `2001:db8:77:${(Math.floor(Math.random() * 256) + 0x1200).toString(16)}:${hex()}:${hex()}:${hex()}:${hex()}`,
    }));
    expect(admitted).toBe(L);
  });

  test('path-spellings-attack', 'rotating spellings of one path: exactly L admitted', async (open) => {
    const client = await open({
      routes: [{ path: '/api/login', rules: { maxRequests: L, windowMs: 60_000 } }],
      key: ['route', 'ip'],
    });
    const spell = (i: number) =>
      `/${i & 1 ? 'API' : 'api'}${i & 2 ? '//' : '/'}${i & 4 ? 'log%69n' : 'login'}${i & 8 ? '/' : ''}${i & 16 ? `?n=${i}` : ''}`;
    expect(await client.admitted(64, (i) => ({ path: spell(i), method: i & 32 ? 'HEAD' : 'GET' }))).toBe(L);
  });

  test('huge-header', 'survives a 1 MiB header: a clean 4xx or a safe key, never a crash', async (open) => {
    const client = await open({
      rules: { maxRequests: L, windowMs: 60_000 },
      key: ['ip', 'user'],
      userHeader: true,
      trustProxy: 1,
    });
    const huge = 'u'.repeat(1024 * 1024);
    const reply = await client.send('/x', {
      headers: { 'x-user-id': huge, 'x-forwarded-for': `${'1.2.3.4, '.repeat(100_000)}203.0.113.9` },
    });
    expect(reply.status).toBeLessThan(500);
    expect(reply.body).not.toContain(huge.slice(0, 64));
    expect((await client.send('/x')).status).toBe(200);
  });

  test('control-characters', 'keys control characters safely and never echoes them', async (open) => {
    const client = await open({
      rules: { maxRequests: 2, windowMs: 60_000 },
      key: ['user'],
      userHeader: true,
      trustProxy: 1,
    });
    const nasty = { 'x-user-id': 'u\u0001\u0007\u001b[31m}{:%', 'x-forwarded-for': '\u0001\u0002, 1.2.3.4\u0007' };
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await client.send('/x', { headers: nasty }));
    for (const reply of replies) expect(reply.status).toBeLessThan(500);
    const accepted = replies.filter((r) => r.status !== 400 && r.status !== 431);
    if (accepted.length === 3) expect(accepted.map((r) => r.status)).toEqual([200, 200, 429]);
  });

  test('no-raw-identifiers', 'never puts a raw IP, user id or API key in any response header', async (open) => {
    const client = await open({
      rules: { maxRequests: 1, windowMs: 60_000 },
      key: ['ip', 'user', 'apiKey'],
      userHeader: true,
      apiKeyHeader: 'x-api-key',
    });
    const secrets = { 'x-user-id': 'alice.secret@example.com', 'x-api-key': 'sk_live_abcdef123456' };
    for (const peer of ['203.0.113.77', '2001:db8:abcd:ef01::77']) {
      for (let i = 0; i < 2; i++) {
        const reply = await client.send('/x', { peer, headers: secrets });
        const headerText = [...reply.headers.entries()]
          .filter(([name]) => name !== 'x-test-info')
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n');
        for (const raw of [peer, '2001:db8:abcd', 'alice', 'sk_live']) expect(headerText).not.toContain(raw);
      }
    }
  });
}
