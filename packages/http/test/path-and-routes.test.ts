import { describe, expect, it } from 'vitest';
import { compileRoute, normaliseMethod, normalisePath } from '../src/index.js';

describe('normalisePath', () => {
  it('gives every spelling of one route the same path', () => {
    const spellings = [
      '/api/items',
      '/API/Items',
      '//api//items',
      '/api/items/',
      '/api/./items',
      '/api/x/../items',
      '/api/%2e/items',
      '/api/x/%2E%2E/items',
      '/api/%69tems',
      '/api/items?x=1',
      '/api/items#frag',
      'api/items',
    ];
    for (const spelling of spellings) expect(normalisePath(spelling), spelling).toBe('/api/items');
  });

  it('keeps what routes differently: encoded slashes, case when asked, other segments', () => {
    expect(normalisePath('/a%2fb')).toBe('/a%2Fb');
    expect(normalisePath('/a%2Fb')).not.toBe(normalisePath('/a/b'));
    expect(normalisePath('/API/Items', true)).toBe('/API/Items');
    expect(normalisePath('/../../etc')).toBe('/etc');
    expect(normalisePath('')).toBe('/');
  });

  it('encodes controls, spaces and non-ASCII consistently and never throws', () => {
    expect(normalisePath('/caf\u00e9')).toBe(normalisePath('/caf%C3%A9'));
    expect(normalisePath('/caf%c3%a9')).toBe('/caf%C3%A9');
    expect(normalisePath('/a b\u0000\u001f\\')).toBe('/a%20b%00%1F%5C');
    expect(normalisePath('/\ud800x')).toBe('/%EF%BF%BDx');
    expect(normalisePath('/\u{1f600}')).toBe('/%F0%9F%98%80');
    expect(normalisePath('/%zz%')).toBe('/%25zz%25');
    expect(normalisePath(`/${'a/'.repeat(100_000)}`).length).toBeLessThanOrEqual(4096);
  });

  it('counts HEAD as GET', () => {
    expect(normaliseMethod('head')).toBe('GET');
    expect(normaliseMethod('post')).toBe('POST');
  });
});

describe('compileRoute', () => {
  it('matches parameters, wildcards, methods and RegExps on normalised paths', () => {
    const user = compileRoute('/API/users/:id/', ['get'], false);
    expect(user('GET', '/api/users/42')).toBe(true);
    expect(user('GET', '/api/users')).toBe(false);
    expect(user('GET', '/api/users/42/posts')).toBe(false);
    expect(user('POST', '/api/users/42')).toBe(false);

    const api = compileRoute('/api/*', undefined, false);
    expect(api('DELETE', '/api')).toBe(true);
    expect(api('GET', '/api/a/b/c')).toBe(true);
    expect(api('GET', '/apix')).toBe(false);

    const all = compileRoute(['*'], 'POST', false);
    expect(all('POST', '/anything')).toBe(true);
    expect(all('GET', '/anything')).toBe(false);

    expect(compileRoute(/^\/v\d+\//, undefined, false)('GET', '/v2/x')).toBe(true);
    expect(compileRoute(undefined, undefined, false)('PATCH', '/x')).toBe(true);
  });

  it('rejects bad patterns and methods with the option name', () => {
    expect(() => compileRoute('', undefined, false)).toThrow(/"path"/);
    expect(() => compileRoute([], undefined, false)).toThrow(/"path"/);
    expect(() => compileRoute('/x', ['GET /x'], false)).toThrow(/"methods"/);
    expect(() => compileRoute('/x', [], false)).toThrow(/"methods"/);
  });
});
