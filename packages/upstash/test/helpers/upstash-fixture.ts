/// <reference types="node" />
import type { StoreInspector } from '@rl/conformance';
import { type RedisServer, RespError, type RespValue, respRequest, startRedis } from '@rl-internal/test-redis';
import { startUpstashGateway, type UpstashGateway } from '@rl-internal/upstash-gateway';
import { Redis, type RedisConfigNodejs } from '@upstash/redis';
import { afterAll, beforeAll } from 'vitest';

export const TOKEN = 'rl-upstash-test-token';

/** A redis-server, the Upstash REST gateway in front of it, and clients on both. */
export interface UpstashFixture {
  readonly server: RedisServer;
  readonly gateway: UpstashGateway;
  /** An @upstash/redis (Node entry) client on the gateway: no retries, no telemetry, plus `options`. */
  client(options?: Partial<RedisConfigNodejs>): Redis;
  /** One command straight to redis-server over RESP (not through the gateway). */
  redis(...command: string[]): Promise<RespValue>;
}

/** Starts the servers before the file's tests and stops them after. */
export function useUpstash(): UpstashFixture {
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
  const fixture: UpstashFixture = {
    get server() {
      if (!server) throw new Error('the redis-server is not started yet (use the fixture inside tests)');
      return server;
    },
    get gateway() {
      if (!gateway) throw new Error('the gateway is not started yet (use the fixture inside tests)');
      return gateway;
    },
    client: (options = {}) =>
      new Redis({
        url: fixture.gateway.url,
        token: fixture.gateway.token,
        enableTelemetry: false,
        retry: { retries: 0 },
        ...options,
      }),
    async redis(...command) {
      const [reply] = await respRequest(fixture.server, [command], 10_000);
      if (reply instanceof RespError) throw reply;
      return reply as RespValue;
    },
  };
  return fixture;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}

/** Keys under `prefix` in redis-server, counted with SCAN. */
export async function countKeys(fixture: UpstashFixture, prefix: string): Promise<number> {
  let cursor = '0';
  let count = 0;
  do {
    const reply = (await fixture.redis('SCAN', cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', '1000')) as [
      string,
      string[],
    ];
    cursor = reply[0];
    count += reply[1].length;
  } while (cursor !== '0');
  return count;
}

/**
 * The conformance suite's back door, reading redis-server directly. The suite's virtual clock stands
 * still while real time passes, and keys written on the caller's clock live `slackMs` (the store's
 * `skewToleranceMs`) longer than their state matters. So the time left at virtual `now` is the PTTL,
 * minus the slack, plus the real time spent since the last write was acknowledged (`writtenAt`, an
 * upper bound of when Redis ran it: the result is never later than the truth). A key without expiry
 * reads as Infinity, so the suite fails on it.
 */
export function redisInspector(
  fixture: UpstashFixture,
  slackMs: number,
  writtenAt: () => number | undefined,
): StoreInspector {
  return {
    async ttlMs(key) {
      const asked = Date.now();
      const pttl = Number(await fixture.redis('PTTL', key));
      if (pttl === -2) return undefined;
      if (pttl === -1) return Number.POSITIVE_INFINITY;
      return pttl - slackMs + (asked - (writtenAt() ?? asked));
    },
    keyCount: (prefix) => countKeys(fixture, prefix),
  };
}
