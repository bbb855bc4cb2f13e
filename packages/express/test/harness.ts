import { describeInfo, type MakeFetch, scenarioOptions, TEST_INFO_HEADER, TEST_PEER_HEADER } from '@rl/conformance';
import type { Store } from '@rl/core';
import { memoryStore } from '@rl/memory';
import { serveNode } from '@rl-internal/http-client';
import type { Express, Request, Response } from 'express';
import { getRateLimit, rateLimit } from '../src/index.js';

/** The conformance app for one Express version, served over real HTTP on loopback. */
export function expressHarness(createApp: () => Express): MakeFetch {
  return (scenario) => {
    const app = createApp();
    const store: Store = memoryStore();
    app.use(
      rateLimit({
        ...scenarioOptions<Request>(scenario, (req, name) => req.get(name), store),
        remoteAddress: (req) => req.get(TEST_PEER_HEADER) ?? req.socket.remoteAddress,
      }),
    );
    app.use((req: Request, res: Response) => {
      const status = Number(new URL(req.originalUrl, 'http://x').searchParams.get('status') ?? 200);
      res
        .status(status)
        .set(TEST_INFO_HEADER, describeInfo(getRateLimit(req)))
        .json({ ok: true });
    });
    return serveNode(app);
  };
}
