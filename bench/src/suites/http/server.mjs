// Child process: node server.mjs <express|hono> <subject> <memory|redis> (REDIS_URL for redis) —
// serves GET / → "ok" behind the subject's middleware on a free loopback port and prints
// {"port": N} once listening; each line read on stdin is answered with {"cpu": µs}, the CPU time
// (user + system) this process has used so far. Runs until killed.
import { createInterface } from 'node:readline';
import { serve } from '@hono/node-server';
import { rateLimit as ourExpress } from '@rl/express';
import { rateLimiter as ourHono } from '@rl/hono';
import express from 'express';
import { rateLimit as expressRateLimit } from 'express-rate-limit';
import { Hono } from 'hono';
import { rateLimiter as honoRateLimiter } from 'hono-rate-limiter';
import {
  expressRateLimitStore,
  flexibleConsumer,
  honoRateLimiterStore,
  LIMIT,
  ourStore,
  WINDOW_MS,
} from './middleware.mjs';

const [framework, subject, store] = process.argv.slice(2);
const url = process.env.REDIS_URL;
if (store === 'redis' && !url) throw new Error('REDIS_URL is not set: run this through `pnpm bench --suite http`');
const ours = (headers) => ({
  store: ourStore(store, url),
  rules: { maxRequests: LIMIT, windowMs: WINDOW_MS },
  headers,
});

const EXPRESS = {
  'no-limiter': undefined,
  rl: () => ourExpress(ours(true)),
  'rl-no-headers': () => ourExpress(ours(false)),
  'express-rate-limit': () =>
    expressRateLimit({ windowMs: WINDOW_MS, limit: LIMIT, store: expressRateLimitStore(store, url) }),
  'rate-limiter-flexible': () => {
    const consume = flexibleConsumer(store, url);
    return (req, res, next) =>
      consume(req.ip).then((allowed) => (allowed ? next() : res.status(429).send('Too Many Requests')), next);
  },
};

const HONO = {
  'no-limiter': undefined,
  rl: () => ourHono(ours(true)),
  'rl-no-headers': () => ourHono(ours(false)),
  'hono-rate-limiter': () =>
    honoRateLimiter({
      windowMs: WINDOW_MS,
      limit: LIMIT,
      keyGenerator: (c) => c.env.incoming.socket.remoteAddress ?? '',
      store: honoRateLimiterStore(store, url),
    }),
  'rate-limiter-flexible': () => {
    const consume = flexibleConsumer(store, url);
    return async (c, next) => {
      if (!(await consume(c.env.incoming.socket.remoteAddress ?? ''))) return c.text('Too Many Requests', 429);
      await next();
    };
  },
};

const table = framework === 'express' ? EXPRESS : framework === 'hono' ? HONO : undefined;
if (!table) throw new Error(`unknown framework ${framework}`);
if (!(subject in table)) throw new Error(`no subject ${subject} for ${framework}`);
const middleware = table[subject]?.();
const ready = (port) => console.log(JSON.stringify({ port }));
createInterface({ input: process.stdin }).on('line', () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpu: user + system }));
});

if (framework === 'express') {
  const app = express();
  if (middleware) app.use(middleware);
  app.get('/', (_req, res) => {
    res.send('ok');
  });
  const server = app.listen(0, '127.0.0.1', () => ready(server.address().port));
} else {
  const app = new Hono();
  if (middleware) app.use('*', middleware);
  app.get('/', (c) => c.text('ok'));
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => ready(info.port));
}
