import { getRequestListener } from '@hono/node-server';
import { describeAdapter } from '@rl/conformance';
import { memoryStore } from '@rl/memory';
import { serveNode } from '@rl-internal/http-client';
import { conformanceApp } from './fixtures/app.js';

describeAdapter('hono on node', (scenario) =>
  serveNode(getRequestListener(conformanceApp(scenario, memoryStore()).fetch)),
);
