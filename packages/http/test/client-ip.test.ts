import { describe, expect, it } from 'vitest';
import {
  compileTrust,
  createWarnings,
  formatIp,
  type HttpRequestView,
  type IpHeader,
  parseCidrs,
  type RateLimitWarning,
  resolveClientIp,
  type TrustProxy,
} from '../src/index.js';

function client(
  remoteAddress: string | undefined,
  headers: Record<string, string>,
  trustProxy: TrustProxy | undefined,
  ipHeader: IpHeader = 'x-forwarded-for',
  seen: RateLimitWarning[] = [],
): string | undefined {
  const view: HttpRequestView = { method: 'GET', path: '/', remoteAddress, headers: (name) => headers[name] };
  const warnings = createWarnings({ onWarning: (w) => seen.push(w) });
  const ip = resolveClientIp(view, compileTrust(trustProxy), ipHeader, warnings);
  return ip && formatIp(ip);
}

describe('resolveClientIp', () => {
  it('uses the socket peer and ignores forwarding headers when no proxy is trusted', () => {
    const seen: RateLimitWarning[] = [];
    const headers = { 'x-forwarded-for': '1.1.1.1', 'x-real-ip': '2.2.2.2', 'cf-connecting-ip': '3.3.3.3' };
    expect(client('10.0.0.2', headers, undefined, 'x-forwarded-for', seen)).toBe('10.0.0.2');
    expect(client('10.0.0.2', headers, false, 'x-real-ip')).toBe('10.0.0.2');
    expect(client('10.0.0.2', headers, 0, 'cf-connecting-ip')).toBe('10.0.0.2');
    expect(seen.map((w) => w.code)).toEqual(['RL_W_UNTRUSTED_FORWARDED_HEADER']);
  });

  it('walks X-Forwarded-For from the right for the trusted number of hops', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.3' };
    expect(client('10.0.0.2', headers, 1)).toBe('10.0.0.3');
    expect(client('10.0.0.2', headers, 2)).toBe('198.51.100.7');
    expect(client('10.0.0.2', headers, 3)).toBe('6.6.6.6');
    expect(client('10.0.0.2', headers, 9)).toBe('6.6.6.6');
    expect(client('10.0.0.2', {}, 1)).toBe('10.0.0.2');
  });

  it('trusts proxies by range and stops at the first untrusted hop', () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.7, 10.0.0.3' };
    expect(client('10.0.0.2', headers, ['10.0.0.0/8'])).toBe('198.51.100.7');
    expect(client('10.0.0.2', headers, 'loopback, uniquelocal')).toBe('198.51.100.7');
    expect(client('203.0.113.5', headers, ['10.0.0.0/8'])).toBe('203.0.113.5');
    expect(client('::ffff:10.0.0.2', headers, ['10.0.0.0/8'])).toBe('198.51.100.7');
    expect(client('::1', headers, 'loopback')).toBe('10.0.0.3');
  });

  it('never lets a garbage entry mint a key: it stops at the last trusted hop', () => {
    expect(client('10.0.0.2', { 'x-forwarded-for': 'evil, garbage' }, 1)).toBe('10.0.0.2');
    expect(client('10.0.0.2', { 'x-forwarded-for': '1.1.1.1, garbage, 10.0.0.3' }, 5)).toBe('10.0.0.3');
    expect(client('10.0.0.2', { 'x-forwarded-for': `${'9.9.9.9,'.repeat(200_000)}198.51.100.7` }, 1)).toBe(
      '198.51.100.7',
    );
  });

  it('reads RFC 7239 Forwarded, single-value headers and the platform hop', () => {
    const forwarded = { forwarded: 'for=192.0.2.60;proto=http;by=203.0.113.43, for="[2001:db8:cafe::17]:4711"' };
    expect(client('10.0.0.2', forwarded, 1, 'forwarded')).toBe('2001:db8:cafe::17');
    expect(client('10.0.0.2', forwarded, 2, 'forwarded')).toBe('192.0.2.60');
    expect(client('10.0.0.2', { forwarded: 'for=unknown' }, 1, 'forwarded')).toBe('10.0.0.2');
    expect(client('10.0.0.2', { 'x-real-ip': '198.51.100.7' }, 1, 'x-real-ip')).toBe('198.51.100.7');
    expect(client('10.0.0.2', { 'x-real-ip': 'nonsense' }, 1, 'x-real-ip')).toBe('10.0.0.2');
    expect(client(undefined, { 'cf-connecting-ip': '2001:db8::5' }, 1, 'cf-connecting-ip')).toBe('2001:db8::5');
    expect(client(undefined, { 'x-forwarded-for': '198.51.100.7' }, 1)).toBe('198.51.100.7');
    expect(client(undefined, { 'x-forwarded-for': '198.51.100.7' }, false)).toBeUndefined();
    expect(client(undefined, {}, 1)).toBeUndefined();
  });

  it('warns about trustProxy: true only through the limiter, and rejects bad trust values', () => {
    expect(() => compileTrust(-1)).toThrow(/trustProxy/);
    expect(() => compileTrust(['10.0.0.0/33'])).toThrow(/trustProxy/);
    expect(() => compileTrust('not-a-range')).toThrow(/trustProxy/);
    expect(() => parseCidrs('::ffff:0:0/64', 'trustProxy')).toThrow(/96/);
    expect(client('10.0.0.2', { 'x-forwarded-for': '1.1.1.1, 2.2.2.2' }, true)).toBe('1.1.1.1');
  });
});
