import { describe, expect, it } from 'vitest';
import { post, TOKEN, useGateway } from './fixture.ts';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const BASE64 = { 'upstash-encoding': 'base64' };

describe('Upstash REST wire format', () => {
  const { gateway, server } = useGateway();

  it('POST / runs one command: {"result": ...}', async () => {
    expect(await post(gateway(), '/', ['SET', 'wire:k', 'v'])).toEqual({ status: 200, json: { result: 'OK' } });
    expect(await post(gateway(), '/', ['GET', 'wire:k'])).toEqual({ status: 200, json: { result: 'v' } });
    expect(await server().cli('GET', 'wire:k')).toBe('v');
  });

  it('maps integers, nil, arrays, nested arrays and empty arrays', async () => {
    expect((await post(gateway(), '/', ['INCRBY', 'wire:n', 5])).json).toEqual({ result: 5 });
    expect((await post(gateway(), '/', ['GET', 'wire:missing'])).json).toEqual({ result: null });
    await post(gateway(), '/', ['RPUSH', 'wire:list', 'a', 'b']);
    expect((await post(gateway(), '/', ['LRANGE', 'wire:list', 0, -1])).json).toEqual({ result: ['a', 'b'] });
    expect((await post(gateway(), '/', ['LRANGE', 'wire:nolist', 0, -1])).json).toEqual({ result: [] });
    expect((await post(gateway(), '/', ['MGET', 'wire:k', 'wire:missing'])).json).toEqual({ result: ['v', null] });
    const nested = await post(gateway(), '/', ['EVAL', "return {1, 'two', {3, 'four', {}}, false}", 0]);
    expect(nested.json).toEqual({ result: [1, 'two', [3, 'four', []], null] });
  });

  it('Upstash-Encoding: base64 encodes every string (nested too) except a top-level OK', async () => {
    expect((await post(gateway(), '/', ['SET', 'wire:u', 'héllo ✓'], BASE64)).json).toEqual({ result: 'OK' });
    expect((await post(gateway(), '/', ['GET', 'wire:u'], BASE64)).json).toEqual({ result: b64('héllo ✓') });
    expect((await post(gateway(), '/', ['PING'], BASE64)).json).toEqual({ result: b64('PONG') });
    expect((await post(gateway(), '/', ['INCR', 'wire:b64n'], BASE64)).json).toEqual({ result: 1 });
    const nested = await post(gateway(), '/', ['EVAL', "return {'a', {'OK', 7}, redis.status_reply('OK')}", 0], BASE64);
    expect(nested.json).toEqual({ result: [b64('a'), [b64('OK'), 7], b64('OK')] });
  });

  it('a command error is 400 {"error": "ERR ..."}', async () => {
    await post(gateway(), '/', ['SET', 'wire:str', 'x']);
    expect(await post(gateway(), '/', ['INCR', 'wire:str'])).toEqual({
      status: 400,
      json: { error: 'ERR value is not an integer or out of range' },
    });
    const unknown = await post(gateway(), '/', ['NOSUCHCOMMAND']);
    expect(unknown.status).toBe(400);
    expect((unknown.json as { error: string }).error).toMatch(/^ERR unknown command/);
  });

  it('EVALSHA of an unknown script is 400 with the NOSCRIPT error', async () => {
    const res = await post(gateway(), '/', ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', 0]);
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toMatch(/^NOSCRIPT /);
  });

  it('/pipeline answers one {result} or {error} per command, in order', async () => {
    const res = await post(gateway(), '/pipeline', [
      ['SET', 'wire:p', 'x'],
      ['INCR', 'wire:p'],
      ['GET', 'wire:p'],
      ['GET', 'wire:pmissing'],
    ]);
    expect(res).toEqual({
      status: 200,
      json: [
        { result: 'OK' },
        { error: 'ERR value is not an integer or out of range' },
        { result: 'x' },
        { result: null },
      ],
    });
  });

  it('/multi-exec runs atomically and answers like a pipeline; a queueing error aborts with 400', async () => {
    const ok = await post(gateway(), '/multi-exec', [
      ['SET', 'wire:m', '1'],
      ['INCR', 'wire:m'],
      ['LPUSH', 'wire:m', 'x'],
    ]);
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual([
      { result: 'OK' },
      { result: 2 },
      { error: 'WRONGTYPE Operation against a key holding the wrong kind of value' },
    ]);
    const aborted = await post(gateway(), '/multi-exec', [['SET', 'wire:m2', '1'], ['NOSUCHCOMMAND']]);
    expect(aborted.status).toBe(400);
    expect((aborted.json as { error: string }).error).toMatch(/^EXECABORT/);
    expect(await server().cli('EXISTS', 'wire:m2')).toBe('0');
  });

  it('path-style commands: GET /set/k/v, POST body as last argument, query parameters appended', async () => {
    const headers = { authorization: `Bearer ${TOKEN}` };
    const set = await fetch(`${gateway().url}/set/wire:path/hello%20world`, { headers });
    expect(await set.json()).toEqual({ result: 'OK' });
    const posted = await fetch(`${gateway().url}/set/wire:posted?EX=100`, { method: 'POST', headers, body: '{"a":1}' });
    expect(await posted.json()).toEqual({ result: 'OK' });
    expect(await server().cli('GET', 'wire:posted')).toBe('{"a":1}');
    expect(Number(await server().cli('TTL', 'wire:posted'))).toBeGreaterThan(0);
    const got = await fetch(`${gateway().url}/get/wire:path?_token=${TOKEN}`);
    expect(await got.json()).toEqual({ result: 'hello world' });
  });

  it('a missing or wrong token is 401 with the Upstash body', async () => {
    const unauthorized = { error: 'WRONGPASS invalid or missing auth token' };
    expect(await post(gateway(), '/', ['PING'], { authorization: 'Bearer wrong' })).toEqual({
      status: 401,
      json: unauthorized,
    });
    const missing = await fetch(`${gateway().url}/`, { method: 'POST', body: '["PING"]' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual(unauthorized);
    expect((await post(gateway(), '/pipeline', [['PING']], { authorization: 'Bearer wrong' })).status).toBe(401);
  });

  it('malformed bodies and connection-state commands are 400', async () => {
    const notArray = await post(gateway(), '/', { command: 'GET' });
    expect(notArray.status).toBe(400);
    expect((await post(gateway(), '/pipeline', [])).status).toBe(400);
    const multi = await post(gateway(), '/', ['MULTI']);
    expect(multi).toEqual({ status: 400, json: { error: 'ERR Command is not allowed: MULTI' } });
    const res = await fetch(`${gateway().url}/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: 'not json',
    });
    expect(res.status).toBe(400);
  });

  it('counts HTTP requests and commands', async () => {
    const requests = gateway().requestCount;
    const commands = gateway().commandCount;
    await post(gateway(), '/pipeline', [['PING'], ['PING'], ['PING']]);
    expect(gateway().requestCount).toBe(requests + 1);
    expect(gateway().commandCount).toBe(commands + 3);
  });
});
