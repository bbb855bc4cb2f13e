import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { afterAll, beforeAll } from 'vitest';
import { startUpstashGateway, type UpstashGateway } from '../src/index.ts';

export const TOKEN = 'gateway-test-token';

/** Starts a redis-server and a gateway in front of it for the enclosing suite. */
export function useGateway(): { server: () => RedisServer; gateway: () => UpstashGateway } {
  let server: RedisServer | undefined;
  let gateway: UpstashGateway | undefined;
  beforeAll(async () => {
    server = await startRedis();
    gateway = await startUpstashGateway({ redisUrl: server.url, token: TOKEN });
  });
  afterAll(async () => {
    await gateway?.close();
    await server?.stop();
  });
  return { server: () => server!, gateway: () => gateway! };
}

/** POSTs `body` to the gateway and returns status and parsed JSON. */
export async function post(
  gateway: UpstashGateway,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${gateway.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}
