import { describeAdapter, type MakeFetch } from '@rl/conformance';
import { type RedisServer, startRedis } from '@rl-internal/test-redis';
import { startUpstashGateway, type UpstashGateway } from '@rl-internal/upstash-gateway';
import { type RunningWorker, startWorker } from '@rl-internal/workerd';
import { afterAll, describe, expect, it } from 'vitest';

const CONTROL_CHARACTERS =
  "miniflare's HTTP client (undici 5) refuses to send control characters in header values, so they cannot reach workerd; the Node adapters cover this case";

let sequence = 0;

/** One worker per suite, started on first use; scenarios are registered in it by id. */
function workerHarness(start: () => Promise<RunningWorker>): MakeFetch {
  let worker: Promise<RunningWorker> | undefined;
  afterAll(async () => {
    if (worker) await (await worker).dispose();
  });
  return async (scenario) => {
    worker ??= start();
    const running = await worker;
    const id = `s${++sequence}`;
    const registered = await running.fetch('/__scenario', { method: 'POST', body: JSON.stringify({ id, scenario }) });
    if (registered.status !== 200) throw new Error(`scenario registration failed: ${await registered.text()}`);
    return {
      async fetch(request) {
        const url = new URL(request.url);
        const headers = new Headers(request.headers);
        headers.set('x-test-scenario', id);
        return running.fetch(`${url.pathname}${url.search}`, { method: request.method, headers });
      },
    };
  };
}

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;

describeAdapter(
  'hono in workerd (memory store)',
  workerHarness(() => startWorker({ entry: fixture('conformance.worker.ts') })),
  { parallel: 4, skip: { 'control-characters': CONTROL_CHARACTERS } },
);

let redis: RedisServer | undefined;
let gateway: UpstashGateway | undefined;
afterAll(async () => {
  await gateway?.close();
  await redis?.stop();
});

describeAdapter(
  'hono in workerd (@rl/upstash through the local Upstash REST gateway)',
  workerHarness(async () => {
    redis = await startRedis();
    gateway = await startUpstashGateway({ redisUrl: redis.url, token: 'rl-hono-test' });
    return startWorker({
      entry: fixture('upstash.worker.ts'),
      bindings: { UPSTASH_REDIS_REST_URL: gateway.url, UPSTASH_REDIS_REST_TOKEN: gateway.token },
    });
  }),
  { parallel: 4, skip: { 'control-characters': CONTROL_CHARACTERS } },
);

describe('the @rl/upstash run', () => {
  it('sent the checks to redis-server through the REST gateway', () => {
    expect(gateway?.commandCount ?? 0).toBeGreaterThan(3000);
  });
});
