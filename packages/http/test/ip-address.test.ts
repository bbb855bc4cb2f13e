import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIp, ipKey, parseIp } from '../src/index.js';

const text = (input: string): string | undefined => {
  const ip = parseIp(input);
  return ip && formatIp(ip);
};

describe('parseIp / formatIp', () => {
  it('parses IPv4 and IPv6 in their usual spellings', () => {
    expect(text('203.0.113.9')).toBe('203.0.113.9');
    expect(text(' 203.0.113.9 ')).toBe('203.0.113.9');
    expect(text('203.0.113.9:8080')).toBe('203.0.113.9');
    expect(text('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(text('[2001:db8::1]:443')).toBe('2001:db8::1');
    expect(text('fe80::1%eth0')).toBe('fe80::1');
    expect(text('::')).toBe('::');
    expect(text('::1')).toBe('::1');
    expect(text('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(text('64:ff9b::192.0.2.33')).toBe('64:ff9b::c000:221');
  });

  it('collapses IPv4-mapped IPv6 to IPv4', () => {
    expect(parseIp('::ffff:192.0.2.1')).toEqual({ version: 4, bytes: new Uint8Array([192, 0, 2, 1]) });
    expect(text('::FFFF:c000:0201')).toBe('192.0.2.1');
    expect(text('[::ffff:192.0.2.1]:80')).toBe('192.0.2.1');
  });

  it('rejects everything that is not an address', () => {
    for (const bad of [
      '',
      'unknown',
      '_hidden',
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '1:2:3:4:5:6:7:8:9',
      '1::2::3',
      '12345::',
      'g::1',
      'x'.repeat(1000),
      '1.2.3.4\u0000',
      'localhost',
    ]) {
      expect(parseIp(bad), bad).toBeUndefined();
    }
    expect(parseIp(undefined)).toBeUndefined();
  });

  it('round-trips every IPv6 address through its canonical text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const ip = parseIp(formatIp({ version: 6, bytes }));
        const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
        expect(ip?.bytes).toEqual(mapped ? bytes.slice(12) : bytes);
      }),
      { numRuns: 500 },
    );
  });
});

describe('ipKey', () => {
  it('groups IPv6 by /56 by default and keeps IPv4 whole', () => {
    expect(ipKey(parseIp('2001:db8:0:abcd::1')!)).toBe('2001:db8:0:ab00::/56');
    expect(ipKey(parseIp('2001:db8:0:abff:ffff:ffff:ffff:ffff')!)).toBe('2001:db8:0:ab00::/56');
    expect(ipKey(parseIp('2001:db8:0:ac00::1')!)).toBe('2001:db8:0:ac00::/56');
    expect(ipKey(parseIp('203.0.113.9')!)).toBe('203.0.113.9');
    expect(ipKey(parseIp('::ffff:203.0.113.9')!)).toBe('203.0.113.9');
    expect(ipKey(parseIp('2001:db8::1')!, 64)).toBe('2001:db8::/64');
    expect(ipKey(parseIp('2001:db8::1')!, 128)).toBe('2001:db8::1');
    expect(ipKey(parseIp('2001:db8::1')!, false)).toBe('2001:db8::1');
    expect(ipKey(parseIp('2001:db8:ffff::1')!, 33)).toBe('2001:db8:8000::/33');
  });

  it('gives every address inside one /56 the same key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 9, maxLength: 9 }), (tail) => {
        const bytes = new Uint8Array(16);
        bytes.set([0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56]);
        bytes.set(tail, 7);
        expect(ipKey({ version: 6, bytes })).toBe('2001:db8:1234:5600::/56');
      }),
      { numRuns: 300 },
    );
  });
});
