// Runs in a child process (bundled by child-pool.ts): a limiter on its own ioredis connection,
// firing the calls the parent asks for, all at once, and reporting how many were admitted.
import { createLimiter, defineRule, type RuleInput } from '@rl/core';
import type { Cluster, Redis } from 'ioredis';
import { createRedisClient, createRedisCluster, redisStore } from '../../src/index.js';

type Message =
  | { type: 'connect'; url?: string; nodes?: { host: string; port: number }[] }
  | { type: 'round'; id: number; rule: RuleInput; identifier: string; calls: number; now: number }
  | { type: 'exit' };

let client: Redis | Cluster | undefined;

function send(message: unknown): void {
  process.send?.(message);
}

process.on('message', async (message: Message) => {
  if (message.type === 'connect') {
    // A generous timeout: this test is about atomicity, not latency under a loaded machine.
    client = message.nodes
      ? createRedisCluster(message.nodes, { redisOptions: { commandTimeout: 20_000 } })
      : createRedisClient({ url: message.url as string, commandTimeout: 20_000 });
    client.once('ready', () => send({ type: 'ready' }));
    return;
  }
  if (message.type === 'round') {
    const rule = defineRule(message.rule);
    const store = redisStore({ client: client as Redis | Cluster });
    const limiter = createLimiter({ store, rules: rule, prefix: 'rl-exact', clock: 'caller', now: () => message.now });
    const call = () =>
      rule.algorithm === 'concurrency' ? limiter.acquire(message.identifier) : limiter.limit(message.identifier);
    const settled = await Promise.allSettled(Array.from({ length: message.calls }, call));
    const errors = settled.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
    const admitted = settled.filter((s) => s.status === 'fulfilled' && s.value.allowed).length;
    send({ type: 'result', id: message.id, admitted, errors: errors.slice(0, 3), errorCount: errors.length });
    return;
  }
  client?.disconnect();
  process.disconnect?.();
});

send({ type: 'started' });
