import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openStream } from '../src/api/open-stream.ts';
import { SHUTDOWN_EVENT } from '../src/api/sse.ts';
import { spawnInstance } from '../src/cluster/instance.ts';
import { createDemoContext } from '../src/config/context.ts';
import { createExpressApp } from '../src/express/app.ts';
import { drainAndClose } from '../src/node/graceful.ts';
import { listen } from '../src/node/serve.ts';
import { readStream } from './support/sse.ts';

/** Seed 000, byte for byte (plus the SSE `retry:` field that makes EventSource wait 30 s). */
const SHUTDOWN =
  'retry: 30000\nevent: shutdown\ndata: {"message":"Server restarting, reconnect soon","retry":30000}\n\n';

describe('graceful shutdown (seed 000)', () => {
  it('formats the shutdown event exactly as the seed documents it', () => {
    expect(SHUTDOWN_EVENT).toBe(SHUTDOWN);
  });

  for (const server of ['express', 'hono'] as const) {
    it(`${server}: on SIGTERM every open stream gets "event: shutdown", then the process drains and exits 0`, async () => {
      const instance = await spawnInstance(server, { SKIP_REDIS_WARNING: 'true', RL_STREAM_CONCURRENCY: '3' });
      const streams = await Promise.all(
        [1, 2].map(async () => {
          const stream = readStream(await fetch(`${instance.url}/api/v1/converse/stream?element=earth&q=bye`));
          await stream.until('event: open');
          return stream;
        }),
      );
      const texts = Promise.all(streams.map((stream) => stream.rest()));
      expect(await instance.stop()).toBe(0);
      for (const text of await texts) expect(text.endsWith(SHUTDOWN)).toBe(true);
      expect(instance.output()).toContain('SIGTERM received.');
      expect(instance.output()).toContain('sent "event: shutdown" to 2 open stream(s); draining for at most 5 s.');
    });
  }

  it('refuses new streams with 503 while draining, and cuts connections still open when the drain time is up', async () => {
    const demo = await createDemoContext('express', { SKIP_REDIS_WARNING: 'true' }, { logger: false });
    const { server, url } = await listen(createExpressApp(demo), 0, '127.0.0.1');
    const stream = readStream(await fetch(`${url}/api/v1/converse/stream`));
    await stream.until('event: open');
    // A client that never finishes its request: the server cannot close it as idle.
    const stuck = connect(Number(new URL(url).port), '127.0.0.1');
    await new Promise((resolve) => stuck.once('connect', resolve));
    stuck.write('GET /api/items HTTP/1.1\r\nHost: demo\r\n');
    const stuckClosed = new Promise((resolve) => stuck.once('close', resolve));

    const lines: string[] = [];
    const drained = drainAndClose(server, demo, { drainMs: 300, log: (line) => lines.push(line) });
    expect(await stream.rest()).toMatch(/event: shutdown\n/);
    await drained;
    await stuckClosed;
    expect(lines).toEqual([
      'Shutting down: sent "event: shutdown" to 1 open stream(s); draining for at most 0.3 s.',
      'Drain time is up: closing the remaining connections.',
      'Stopped.',
    ]);
    expect(demo.hub.draining).toBe(true);
    const refused = await openStream(demo, '203.0.113.1', new URLSearchParams());
    expect(refused).toMatchObject({ kind: 'refused', status: 503, headers: { 'Retry-After': '30' } });
    expect(refused.kind === 'refused' && JSON.parse(refused.body)).toEqual({
      error: { code: 'SERVER_RESTARTING', message: 'Server restarting, reconnect soon', retryAfter: 30 },
    });
  });
});
