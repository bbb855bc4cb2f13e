import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseResp, type RedisServer, RespConnection, RespError, respRequest, startRedis } from '../src/index.ts';

describe('RESP codec and connection', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedis({ password: 'pw' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('parses every RESP2 type and waits for complete input', () => {
    const input = Buffer.from('*5\r\n+OK\r\n:42\r\n$-1\r\n*1\r\n$3\r\nabc\r\n-ERR bad\r\n');
    const parsed = parseResp(input)!;
    expect(parsed.next).toBe(input.length);
    const [ok, int, nil, nested, error] = parsed.value as unknown[];
    expect([ok, int, nil, nested]).toEqual(['OK', 42, null, ['abc']]);
    expect(error).toBeInstanceOf(RespError);
    expect((error as RespError).message).toBe('ERR bad');
    expect(parseResp(input.subarray(0, input.length - 3))).toBeUndefined();
    expect(parseResp(Buffer.from('$3\r\nab'))).toBeUndefined();
  });

  it('pipelines commands, keeps error replies in place, and returns binary bulk strings as Buffers', async () => {
    const connection = await RespConnection.open({ ...server, password: 'pw' }, { buffers: true });
    try {
      const binary = Buffer.from([0, 255, 1, 128]);
      const replies = await connection.send([['SET', 'bin', binary], ['GET', 'bin'], ['INCR', 'bin'], ['PING']]);
      expect(replies[0]).toBe('OK');
      expect(Buffer.isBuffer(replies[1]) && (replies[1] as Buffer).equals(binary)).toBe(true);
      expect(replies[2]).toBeInstanceOf(RespError);
      expect(replies[3]).toBe('PONG');
    } finally {
      connection.close();
    }
    expect(connection.closed).toBe(true);
    await expect(connection.send([['PING']])).rejects.toThrow();
  });

  it('rejects a wrong password with the server error', async () => {
    await expect(RespConnection.open({ ...server, password: 'wrong' })).rejects.toThrow(/WRONGPASS/);
  });

  it('rejects pending commands when the server goes away', async () => {
    const connection = await RespConnection.open({ ...server, password: 'pw' });
    server.pause();
    const pending = connection.send([['PING']]).catch((error: Error) => error);
    await server.kill();
    expect(await pending).toBeInstanceOf(Error); // ECONNRESET or "closed", depending on timing
    expect(connection.closed).toBe(true);
    await server.restart();
    expect(await respRequest({ ...server, password: 'pw' }, [['PING']])).toEqual(['PONG']);
  });
});
